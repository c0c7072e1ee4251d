import type { StorageConfig } from '../modules/files/index.js';
import type { UploadLimits } from '../modules/cases/index.js';
import type { Config } from './config.js';

/** The configuration an app needs for uploads and file storage. */
export type UploadConfig = StorageConfig &
  Pick<Config, 'UPLOAD_MAX_BYTES' | 'UPLOAD_QUOTA_BYTES' | 'UPLOAD_QUOTA_WINDOW_HOURS' | 'UPLOAD_RATE_MAX' | 'UPLOAD_RATE_WINDOW_SECONDS' | 'UPLOAD_PURGE_GRACE_HOURS'>;

export function uploadLimits(config: UploadConfig): UploadLimits {
  return {
    maxBytes: config.UPLOAD_MAX_BYTES,
    quotaBytes: config.UPLOAD_QUOTA_BYTES,
    quotaWindowHours: config.UPLOAD_QUOTA_WINDOW_HOURS,
    rateMax: config.UPLOAD_RATE_MAX,
    rateWindowSeconds: config.UPLOAD_RATE_WINDOW_SECONDS,
    purgeGraceHours: config.UPLOAD_PURGE_GRACE_HOURS,
  };
}

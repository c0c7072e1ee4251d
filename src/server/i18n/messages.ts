import type { ErrorCode } from '../../lib/errors.js';

export type Lang = 'zh-CN' | 'en';

type ErrorText = { title: string; detail: string };

/** Error texts; `{name}` placeholders are filled from the error's params. */
export const errorMessages: Record<Lang, Record<ErrorCode, ErrorText>> = {
  'zh-CN': {
    VALIDATION: { title: '输入有误', detail: '请检查标出的字段后重试。' },
    BAD_JSON: { title: '请求格式错误', detail: '请求内容不是有效的 JSON。' },
    UNAUTHENTICATED: { title: '请先登录', detail: '此操作需要登录。' },
    BAD_CREDENTIALS: { title: '登录失败', detail: '账号或密码不正确。' },
    ACCOUNT_LOCKED: { title: '登录已暂时锁定', detail: '密码错误次数过多，请 {seconds} 秒后再试。' },
    CSRF: { title: '请求已失效', detail: '安全校验未通过，请刷新页面后重试。' },
    FORBIDDEN: { title: '无权操作', detail: '您没有执行此操作的权限。' },
    NOT_FOUND: { title: '未找到', detail: '所请求的内容不存在或您无权查看。' },
    CONFLICT: { title: '冲突', detail: '数据已被修改，请刷新后重试。' },
    ACCOUNT_EXISTS: { title: '账号已存在', detail: '该身份证号或手机号已注册，请直接登录。' },
    ILLEGAL_TRANSITION: { title: '当前状态不允许此操作', detail: '办件当前状态为“{status}”，不能执行“{action}”。' },
    CONCURRENT_UPDATE: { title: '办件已被他人处理', detail: '该办件刚刚已被其他人员处理，请刷新后查看。' },
    UPLOAD_TOO_LARGE: { title: '文件过大', detail: '文件不能超过 {maxMb} MB。' },
    BODY_TOO_LARGE: { title: '请求内容过大', detail: '请求内容超过了允许的大小。' },
    UPLOAD_TYPE: { title: '文件类型不支持', detail: '仅支持 PDF、PNG、JPG 文件，且文件内容须与类型一致。' },
    UPLOAD_MISSING: { title: '缺少文件', detail: '请选择要上传的文件。' },
    MATERIAL_MISSING: { title: '材料不全', detail: '缺少必交材料：{names}。' },
    MATERIAL_UNKNOWN: { title: '材料不属于该事项', detail: '材料“{code}”不在该事项的材料清单中。' },
    MATERIAL_TYPE: { title: '材料文件类型不符', detail: '材料“{name}”只接受 {accept} 文件。' },
    UPLOAD_IN_USE: { title: '文件已被使用', detail: '该上传文件已用于其他办件，请重新上传。' },
    FORM_INVALID: { title: '申请表填写有误', detail: '请检查标出的字段后重试。' },
    ITEM_UNAVAILABLE: { title: '事项暂不可办', detail: '该事项未发布或不存在。' },
    LEVEL_TOO_LOW: { title: '需要更高的实名等级', detail: '该事项需要 L{required} 级实名认证，您当前为 L{current} 级。' },
    RATE_LIMITED: { title: '操作过于频繁', detail: '请稍后再试。' },
    OIDC_INTERACTION_EXPIRED: { title: '登录请求已失效', detail: '该部门系统的登录请求已过期或已完成，请回到该系统重新点击登录。' },
    OIDC_CLIENT_INACTIVE: { title: '接入系统已停用', detail: '该接入系统已停用，不能再生成密钥。' },
    OIDC_PAIRWISE_HOSTS: { title: '回调地址须在同一主机', detail: '启用“按系统区分用户标识”时，所有回调地址须使用同一主机名。' },
    INTERNAL: { title: '系统错误', detail: '服务器出现异常，请稍后重试。' },
  },
  en: {
    VALIDATION: { title: 'Invalid input', detail: 'Please check the marked fields and try again.' },
    BAD_JSON: { title: 'Malformed request', detail: 'The request body is not valid JSON.' },
    UNAUTHENTICATED: { title: 'Sign-in required', detail: 'Please sign in to do this.' },
    BAD_CREDENTIALS: { title: 'Sign-in failed', detail: 'The account or password is incorrect.' },
    ACCOUNT_LOCKED: { title: 'Sign-in temporarily locked', detail: 'Too many wrong passwords. Try again in {seconds} seconds.' },
    CSRF: { title: 'Request expired', detail: 'The security check failed. Reload the page and try again.' },
    FORBIDDEN: { title: 'Not allowed', detail: 'You are not allowed to do this.' },
    NOT_FOUND: { title: 'Not found', detail: 'It does not exist or you may not see it.' },
    CONFLICT: { title: 'Conflict', detail: 'The data has changed. Reload and try again.' },
    ACCOUNT_EXISTS: { title: 'Account exists', detail: 'This ID number or phone is already registered. Please sign in.' },
    ILLEGAL_TRANSITION: { title: 'Not possible in this state', detail: 'The case is “{status}”; “{action}” is not possible now.' },
    CONCURRENT_UPDATE: { title: 'Case already handled', detail: 'Someone else has just handled this case. Reload to see it.' },
    UPLOAD_TOO_LARGE: { title: 'File too large', detail: 'Files may be at most {maxMb} MB.' },
    BODY_TOO_LARGE: { title: 'Request too large', detail: 'The request body is larger than allowed.' },
    UPLOAD_TYPE: { title: 'File type not supported', detail: 'Only PDF, PNG and JPG files whose content matches their type are accepted.' },
    UPLOAD_MISSING: { title: 'No file', detail: 'Choose a file to upload.' },
    MATERIAL_MISSING: { title: 'Materials incomplete', detail: 'Required materials missing: {names}.' },
    MATERIAL_UNKNOWN: { title: 'Material not part of this service', detail: 'Material “{code}” is not on this service’s list.' },
    MATERIAL_TYPE: { title: 'Wrong file type for material', detail: 'Material “{name}” accepts only {accept} files.' },
    UPLOAD_IN_USE: { title: 'File already used', detail: 'This upload belongs to another case. Upload it again.' },
    FORM_INVALID: { title: 'Application form has errors', detail: 'Please check the marked fields and try again.' },
    ITEM_UNAVAILABLE: { title: 'Service unavailable', detail: 'This service is not published or does not exist.' },
    LEVEL_TOO_LOW: { title: 'Higher identity level needed', detail: 'This service needs identity level L{required}; yours is L{current}.' },
    RATE_LIMITED: { title: 'Too many requests', detail: 'Please try again later.' },
    OIDC_INTERACTION_EXPIRED: { title: 'Sign-in request expired', detail: 'This sign-in request from the department system has expired or is finished. Go back to that system and sign in again.' },
    OIDC_CLIENT_INACTIVE: { title: 'Client system deactivated', detail: 'This client system is deactivated; no new secret can be issued.' },
    OIDC_PAIRWISE_HOSTS: { title: 'Redirect URIs must share one host', detail: 'With per-system user identifiers (pairwise), all redirect URIs must use the same host name.' },
    INTERNAL: { title: 'Server error', detail: 'Something went wrong on our side. Please try again later.' },
  },
};

/** Field-level messages (validation of identifiers, forms, passwords). */
export const fieldMessages: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    ID_FORMAT: '身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X。',
    ID_REGION: '身份证号前两位不是有效的省级行政区划代码。',
    ID_BIRTH_DATE: '身份证号中的出生日期无效。',
    ID_CHECK_DIGIT: '身份证号校验码错误，请核对最后一位。',
    USCC_FORMAT: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）。',
    USCC_CHECK: '统一社会信用代码校验码错误。',
    USCC_ORG_CHECK: '统一社会信用代码中的组织机构代码校验码错误。',
    PHONE: '请输入 11 位中国大陆手机号。',
    PASSWORD_WEAK: '密码至少 8 位，且须同时包含字母和数字。',
    REQUIRED: '此项为必填项。',
    TOO_LONG: '不能超过 {max} 个字符。',
    BAD_OPTION: '请从列表中选择。',
    BAD_DATE: '请输入有效日期（YYYY-MM-DD）。',
    BAD_NUMBER: '请输入有效数字。',
    OUT_OF_RANGE: '数值超出允许范围。',
    PATTERN: '格式不正确。',
    UNKNOWN_FIELD: '申请表中没有此字段。',
    INVALID: '取值无效。',
    REDIRECT_URI: '须为 https 地址（本机调试可用 http://localhost 或 http://127.0.0.1），且不含 # 片段。',
    SCOPE_OPENID: '授权范围必须包含 openid。',
  },
  en: {
    ID_FORMAT: 'An ID number has 18 characters: 17 digits and a final digit or X.',
    ID_REGION: 'The first two digits are not a valid province code.',
    ID_BIRTH_DATE: 'The birth date inside the ID number is not a real date.',
    ID_CHECK_DIGIT: 'The ID number’s check digit is wrong: please check the last character.',
    USCC_FORMAT: 'A unified social credit code has 18 digits or capital letters (no I, O, S, V, Z).',
    USCC_CHECK: 'The unified social credit code’s check character is wrong.',
    USCC_ORG_CHECK: 'The organisation code inside the credit code has a wrong check character.',
    PHONE: 'Enter an 11-digit mainland China mobile number.',
    PASSWORD_WEAK: 'At least 8 characters, with both letters and digits.',
    REQUIRED: 'This field is required.',
    TOO_LONG: 'At most {max} characters.',
    BAD_OPTION: 'Choose one of the listed options.',
    BAD_DATE: 'Enter a valid date (YYYY-MM-DD).',
    BAD_NUMBER: 'Enter a valid number.',
    OUT_OF_RANGE: 'The value is out of range.',
    PATTERN: 'The format is not right.',
    UNKNOWN_FIELD: 'The form has no such field.',
    INVALID: 'Invalid value.',
    REDIRECT_URI: 'Must be an https address (http://localhost or http://127.0.0.1 for local testing) without a # fragment.',
    SCOPE_OPENID: 'Scopes must include openid.',
  },
};

/** Labels used inside messages (case statuses, actions). */
export const labels: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    'status.submitted': '已提交',
    'status.accepted': '已受理',
    'status.rejected': '不予受理',
    'status.supplement_requested': '待补正',
    'status.resubmitted': '已补正',
    'status.completed': '已办结',
    'status.denied': '不予批准',
    'action.submit': '提交',
    'action.accept': '受理',
    'action.reject': '不予受理',
    'action.supplement': '一次性告知补正',
    'action.resubmit': '补正后重新提交',
    'action.approve': '准予许可',
    'action.deny': '不予批准',
    'action.issue': '签发电子证照',
    'itemType.01': '行政许可',
    'itemType.02': '行政处罚',
    'itemType.03': '行政强制',
    'itemType.04': '行政征收',
    'itemType.05': '行政给付',
    'itemType.06': '行政检查',
    'itemType.07': '行政确认',
    'itemType.08': '行政奖励',
    'itemType.09': '行政裁决',
    'itemType.10': '其他行政权力',
    'itemType.20': '公共服务',
    'itemType.99': '其他',
    'caseKind.immediate': '即办件',
    'caseKind.promised': '承诺件',
    'oidc.logout.title': '退出登录',
    'oidc.logout.question': '您正在退出“{client}”。是否同时退出一网统一身份认证（所有已登录的部门系统都将退出）？',
    'oidc.logout.questionNoClient': '是否退出一网统一身份认证（所有已登录的部门系统都将退出）？',
    'oidc.logout.all': '全部退出',
    'oidc.logout.only': '仅退出该系统',
    'oidc.logout.done': '您已退出登录。',
    'oidc.logout.home': '返回一网通办',
    'oidc.error.title': '登录请求无效',
  },
  en: {
    'status.submitted': 'Submitted',
    'status.accepted': 'Accepted',
    'status.rejected': 'Rejected',
    'status.supplement_requested': 'Supplement requested',
    'status.resubmitted': 'Resubmitted',
    'status.completed': 'Completed',
    'status.denied': 'Denied',
    'action.submit': 'Submit',
    'action.accept': 'Accept',
    'action.reject': 'Reject',
    'action.supplement': 'Request supplement',
    'action.resubmit': 'Resubmit',
    'action.approve': 'Approve',
    'action.deny': 'Deny',
    'action.issue': 'Issue e-certificate',
    'itemType.01': 'Administrative licensing',
    'itemType.02': 'Administrative penalty',
    'itemType.03': 'Administrative enforcement',
    'itemType.04': 'Administrative levy',
    'itemType.05': 'Administrative payment',
    'itemType.06': 'Administrative inspection',
    'itemType.07': 'Administrative confirmation',
    'itemType.08': 'Administrative reward',
    'itemType.09': 'Administrative adjudication',
    'itemType.10': 'Other administrative power',
    'itemType.20': 'Public service',
    'itemType.99': 'Other',
    'caseKind.immediate': 'Immediate',
    'caseKind.promised': 'Promised time',
    'oidc.logout.title': 'Sign out',
    'oidc.logout.question': 'You are signing out of “{client}”. Sign out of Yiwang as well (every department system you are signed in to)?',
    'oidc.logout.questionNoClient': 'Sign out of Yiwang (every department system you are signed in to)?',
    'oidc.logout.all': 'Sign out everywhere',
    'oidc.logout.only': 'Only this system',
    'oidc.logout.done': 'You are signed out.',
    'oidc.logout.home': 'Back to Yiwang',
    'oidc.error.title': 'Invalid sign-in request',
  },
};

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function label(lang: Lang, key: string): string {
  return labels[lang][key] ?? key;
}

export function local(lang: Lang, text: { zh: string; en: string }): string {
  return lang === 'en' ? text.en : text.zh;
}

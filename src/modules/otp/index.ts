/** The door of the otp module: what other modules and the composition root may use. */
export { otpRoutes } from './routes.js';
export { closeSecondFactor, openSecondFactor, startSecondFactor } from './service.js';

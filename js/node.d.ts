// Types for sigv4-wasm/node (Node-only credential providers).
import type { CredentialProvider } from './index.js'

/**
 * Reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and
 * AWS_CREDENTIAL_EXPIRATION when called; a SigV4Error (ERR_CREDENTIALS)
 * when the keys are not set.
 */
export function fromEnv(): CredentialProvider

export interface FromIniOptions {
  /** Default: AWS_PROFILE, else "default". */
  profile?: string
  /** The credentials file. Default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
  filepath?: string
  /** The config file ("[profile name]" sections). Default: AWS_CONFIG_FILE, else ~/.aws/config. */
  configFilepath?: string
}

/**
 * Static keys and session tokens from the shared credentials and config
 * files. Profiles that need the AWS SDK (role_arn, sso_*,
 * credential_process, web identity) are refused with ERR_CREDENTIALS.
 */
export function fromIni(options?: FromIniOptions): CredentialProvider

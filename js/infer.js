// Infer the SigV4 credential scope ({ service, region }) from a request URL.
//
// Returns null when the host is not recognisably an AWS (or AWS-compatible)
// endpoint; callers must then require an explicit service/region rather than
// guess. Covers everything aws4fetch's guessServiceRegion does (except the
// X-Amz-Target based autoscaling split, which needs headers) plus S3 access
// points / Object Lambda / Outposts / Express, VPC interface endpoints, api.aws
// dual-stack and the isolated partitions.

// Partition DNS suffixes: aws (+ api.aws dual-stack), aws-cn (+ dual-stack),
// aws-eusc, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f.
const AWS_HOST = /^(.+)\.(amazonaws\.com(?:\.cn)?|api\.aws|api\.amazonwebservices\.com\.cn|amazonaws\.eu|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$/
// us-east-1, us-gov-west-1, cn-north-1, eusc-de-east-1, us-isob-east-1 ...
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/

// Endpoint prefix -> signing name, where they differ.
const ALIAS = {
  email: 'ses',
  queue: 'sqs',
  appstream2: 'appstream',
  cloudhsmv2: 'cloudhsm',
  marketplace: 'aws-marketplace',
  mobile: 'AWSMobileHubService',
  pinpoint: 'mobiletargeting',
  'git-codecommit': 'codecommit',
  'mturk-requester-sandbox': 'mturk-requester',
  'personalize-runtime': 'personalize',
  'bedrock-runtime': 'bedrock',
  'bedrock-agent': 'bedrock',
  'bedrock-agent-runtime': 'bedrock',
  'runtime-v2-lex': 'lex',
  'models-v2-lex': 'lex',
  transcribestreaming: 'transcribe',
}

const scope = (service, region) => ({ service, region })
// Hosts that accept SigV4a only: it signs for a region set, '*' here.
const v4aScope = (service) => ({ service, region: '*', v4a: true })

/**
 * @param {URL | string} url
 * @returns {{ service: string, region: string, v4a?: true } | null}
 */
export function inferScope (url) {
  if (typeof url === 'string') url = new URL(url)
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  let m

  // SigV4a only: S3 Multi-Region Access Points, CloudFront KeyValueStore,
  // EventBridge global endpoints.
  if (/^[^.]+\.mrap\.accesspoint\.s3-global\.amazonaws\.com$/.test(host)) return v4aScope('s3')
  if (/^\d{12}\.cloudfront-kvs\.global\.api\.aws$/.test(host)) return v4aScope('cloudfront-keyvaluestore')
  if (/^[^.]+\.[^.]+\.endpoint\.events\.amazonaws\.com$/.test(host)) return v4aScope('events')
  // Lambda function URLs: <id>.lambda-url.<region>.on.aws
  if ((m = /^[^.]+\.lambda-url\.([^.]+)\.on\.aws$/.exec(host))) {
    return REGION.test(m[1]) ? scope('lambda', m[1]) : null
  }
  // Cloudflare R2 (any account / jurisdiction / virtual-hosted bucket).
  if (/^[^.]+(?:\.[^.]+)*\.r2\.cloudflarestorage\.com$/.test(host)) {
    return scope('s3', 'auto')
  }
  // Backblaze B2: [bucket.]s3.<region>.backblazeb2.com
  if ((m = /^(?:[^.]+\.)?s3\.([a-z]{2}-[a-z]+-\d{3})\.backblazeb2\.com$/.exec(host))) {
    return scope('s3', m[1])
  }

  if (!(m = AWS_HOST.exec(host))) return null
  const domain = m[2]
  const labels = m[1].split('.').filter((l) => l !== 'dualstack')
  if (labels[labels.length - 1] === 'vpce') labels.pop() // <vpce-id>.<svc>.<region>.vpce.amazonaws.com

  let i = labels.length - 1
  let region = null
  let svc
  if (REGION.test(labels[i])) {
    region = labels[i--]                       // [prefix.]svc.region
  } else if (i > 0 && REGION.test(labels[i - 1]) && /^(?:es|aoss|queue)$/.test(labels[i])) {
    region = labels[i - 1]                     // domain.region.es / region.queue
    labels.splice(i - 1, 1)
    i--
  } else if (labels[i] === 'us-gov' && domain === 'amazonaws.com') {
    region = 'us-gov-west-1'                   // iam.us-gov.amazonaws.com
    i--
  }
  if (i < 0 || !(svc = labels[i])) return null
  const prefix = labels.slice(0, i)
  // FIPS: dynamodb-fips, s3-fips, s3-accesspoint-fips; legacy s3-fips-us-gov-west-1.
  svc = svc.replace(/-fips$/, '').replace(/^s3-fips-/, 's3-')

  // --- S3 family -----------------------------------------------------------
  if (/^s3express(?:-|$)/.test(svc)) return region ? scope('s3express', region) : null
  if (svc === 's3-object-lambda' || svc === 's3-outposts') return region ? scope(svc, region) : null
  if (/^s3-(?:website|global)/.test(svc)) return null // website endpoints / MRAP (SigV4a)
  if (region) {
    if (/^s3(?:-accesspoint|-control)?$/.test(svc)) return scope('s3', region)
  } else if (domain === 'amazonaws.com') {
    if (svc === 's3' || svc === 's3-accelerate' || svc === 's3-external-1') return scope('s3', 'us-east-1')
    if ((m = /^s3-(.+)$/.exec(svc))) return REGION.test(m[1]) ? scope('s3', m[1]) : null // s3-eu-west-1
  }

  // --- IoT ----------------------------------------------------------------
  if (svc === 'iot' && region) {
    if (!prefix.length) return scope('execute-api', region) // control plane signs as execute-api
    if (prefix.join('.') === 'data.jobs') return scope('iot-jobs-data', region)
    if (prefix.length === 1) {
      return scope(url.pathname === '/mqtt' ? 'iotdevicegateway' : 'iotdata', region)
    }
    return null // credentials provider, tunneling, ...: not guessed
  }

  svc = ALIAS[svc] || svc
  if (region) return scope(svc, region)
  // Region-less: only <svc>.amazonaws.com global endpoints (iam, sts, route53,
  // cloudfront, ...) sign in us-east-1; Route 53 in China signs in cn-northwest-1.
  if (prefix.length) return null
  if (domain === 'amazonaws.com') return scope(svc, 'us-east-1')
  if (domain === 'amazonaws.com.cn' && svc === 'route53') return scope(svc, 'cn-northwest-1')
  return null
}

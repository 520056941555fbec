// verify() against real, independently written clients: Debian's AWS CLI,
// curl --aws-sigv4, s3cmd and boto3, and the AWS SDK for JavaScript v3,
// each driven through its own code paths at a loopback endpoint
// (support/aws-endpoint.mjs) that verify()s every request as it arrived on
// the wire and answers as S3, a JSON-protocol or a query-protocol service
// would. Every client runs with a long-term key and with a session token;
// every request it sends must be accepted, aws-chunked uploads
// (x-amz-content-sha256 STREAMING-*, counted apart) included.
//
// The clients are installed by scripts/setup.sh (apt: awscli, s3cmd,
// python3-boto3, curl; npm: @aws-sdk/*). A missing one FAILS this test: a
// skipped client would look like a verified one in the summary.
//
// /usr/bin/aws and /usr/bin/python3 are called by path: a pyenv or a
// pip-installed aws earlier on PATH is another client.
import test from 'node:test'
import http from 'node:http'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { Readable } from 'node:stream'
import { S3Client, PutObjectCommand, CopyObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, DeleteObjectCommand, CreateMultipartUploadCommand, UploadPartCommand, CompleteMultipartUploadCommand } from '@aws-sdk/client-s3'
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { startAwsEndpoint } from './support/aws-endpoint.mjs'

const REGION = 'us-east-1'
const KEYS = {
  'long-term': { accessKeyId: 'AKIDCLIENTSTEST', secretAccessKey: 'clients/secret+KEY/long-term' },
  session: {
    accessKeyId: 'ASIACLIENTSTEST',
    secretAccessKey: 'clients/secret+KEY/session',
    sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//session+token/with=padding==',
  },
}
// Object keys that exercise each client's path encoding.
const AWKWARD = [
  'plain.txt',
  'with space.txt',
  'ünïcødé/ключ 名前.txt',
  'a+b=c&d;e,f.txt',
  'tilde~dash-under_dot.',
  'percent%20not-an-escape%',
  "paren(s)[b]!*'$@:.txt",
  'double//slash',
  'dot/./seg/../x',
  '/leading',
]
// WHATWG URLs (fetch) resolve dot segments and would send another path
// than the one the presigned URL was signed for.
const FETCHABLE = AWKWARD.filter((k) => !/(^|\/)\.\.?(\/|$)/.test(k))
const AWS = '/usr/bin/aws'
const PYTHON = '/usr/bin/python3'
const CURL = '/usr/bin/curl'
const S3CMD = '/usr/bin/s3cmd'
const BOTO3_DRIVER = fileURLToPath(new URL('./support/clients/boto3-drive.py', import.meta.url))

let ep
let dir
const tally = new Map() // client -> { sent, accepted (not aws-chunked), streaming (aws-chunked, accepted), presigned, withToken, refused: [verdicts] }

test.before(async () => {
  const byId = Object.fromEntries(Object.values(KEYS).map((k) => [k.accessKeyId, k]))
  ep = await startAwsEndpoint({ credentials: byId, region: REGION, service: ['s3', 'sts', 'dynamodb', 'sqs'] })
  dir = mkdtempSync(join(tmpdir(), 'sigv4-clients-'))
})
test.after(async () => {
  await ep.close()
  rmSync(dir, { recursive: true, force: true })
})

// Runs one client's session and files every verdict it caused under it.
async function drive (client, fn) {
  const from = ep.verdicts.length
  try {
    await fn()
  } finally {
    const t = tally.get(client) || { sent: 0, accepted: 0, streaming: 0, presigned: 0, withToken: 0, refused: [] }
    for (const v of ep.verdicts.slice(from)) {
      t.sent++
      if (v.valid && v.presigned) t.presigned++
      if (v.valid && v.sessionToken) t.withToken++
      if (!v.valid) t.refused.push(v)
      else if (v.streaming) t.streaming++
      else t.accepted++
    }
    tally.set(client, t)
  }
}

function refusals (client) {
  return tally.get(client).refused.map((v) => `${v.method} ${v.target}: ${v.code} ${v.message}\n${v.canonicalRequest}`).join('\n\n')
}

// A client's own environment: these credentials, no config files, no
// instance metadata, no pager.
function envFor (key) {
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    AWS_DEFAULT_REGION: REGION,
    AWS_REGION: REGION,
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  }
  if (key.sessionToken) env.AWS_SESSION_TOKEN = key.sessionToken
  return env
}

function run (file, args, env, input) {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { env, maxBuffer: 64 << 20, encoding: 'buffer', timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')}: ${err.message}\n${stderr}`))
      else resolve(stdout)
    })
    if (input !== undefined) child.stdin.end(input)
  })
}

function requireClient (path, pkg) {
  assert.ok(existsSync(path), `${path} is missing: install ${pkg} (scripts/setup.sh installs it)`)
}

async function fetchPresigned (url, want, what) {
  const res = await fetch(url)
  const got = Buffer.from(await res.arrayBuffer())
  assert.equal(res.status, 200, `${what}: ${got}`)
  if (want !== undefined) assert.deepEqual(got, want, what)
}

// GET a URL whose host may be <bucket>.localhost (not in DNS here): sent
// to the endpoint with that Host header. fetch() will not set Host.
function getStatus (url) {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: u.port, path: u.pathname + u.search, headers: { host: u.host } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
    }).on('error', reject)
  })
}

function writeAt (file, bytes) {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, bytes)
}

const bodyOf = (client, cred, key) => Buffer.from(`${client} ${cred} ${key}\n`)

// Keys a file system cannot name ("//", dot segments, a leading "/") go
// through s3api one by one; the others as files through aws s3 sync.
const FILE_NAMED = AWKWARD.filter((k) => !/\/\/|^\/|(^|\/)\.\.?(\/|$)/.test(k))

test('AWS CLI (Debian awscli): s3api and s3 sync with awkward keys, s3 cp multipart, presign, sts, dynamodb, sqs', async () => {
  requireClient(AWS, 'awscli')
  for (const [cred, key] of Object.entries(KEYS)) {
    await drive('aws-cli', async () => {
      const env = envFor(key)
      const aws = (...args) => run(AWS, ['--endpoint-url', ep.url, '--output', 'json', ...args], env)
      const bucket = `cli-${cred}`
      // The session pass runs fewer requests: the token is what it adds.
      const long = cred === 'long-term'
      const one = long ? AWKWARD.filter((k) => !FILE_NAMED.includes(k)).concat(FILE_NAMED.slice(0, 2)) : AWKWARD.slice(1, 3)
      for (const k of one) {
        const body = bodyOf('aws-cli', cred, k)
        const file = join(dir, 'cli-body')
        writeFileSync(file, body)
        await aws('s3api', 'put-object', '--bucket', bucket, '--key', k, '--body', file,
          '--content-type', 'text/plain; charset=utf-8', '--metadata', 'note=loopback,n=1')
        const head = JSON.parse(await aws('s3api', 'head-object', '--bucket', bucket, '--key', k))
        assert.equal(head.ContentLength, body.length, `head ${k}`)
        await aws('s3api', 'get-object', '--bucket', bucket, '--key', k, join(dir, 'cli-out'))
        assert.deepEqual(readFileSync(join(dir, 'cli-out')), body, `get ${k}`)
      }
      const synced = long ? FILE_NAMED.slice(2) : []
      if (long) {
        for (const k of synced) writeAt(join(dir, 'up', k), bodyOf('aws-cli', cred, k))
        await aws('s3', 'sync', join(dir, 'up'), `s3://${bucket}/synced/`)
        await aws('s3', 'sync', `s3://${bucket}/synced/`, join(dir, 'down'))
        for (const k of synced) assert.deepEqual(readFileSync(join(dir, 'down', k)), bodyOf('aws-cli', cred, k), `sync ${k}`)
      }
      const listed = JSON.parse(await aws('s3api', 'list-objects-v2', '--bucket', bucket))
      assert.deepEqual(listed.Contents.map((o) => o.Key).sort(), [...one, ...synced.map((k) => `synced/${k}`)].sort())
      await Promise.all(one.filter((k) => FETCHABLE.includes(k)).slice(0, 2).map(async (k) => {
        const url = String(await aws('s3', 'presign', `s3://${bucket}/${k}`, '--expires-in', '300')).trim()
        await fetchPresigned(url, bodyOf('aws-cli', cred, k), `aws s3 presign ${k}`)
      }))
      await aws('s3api', 'delete-object', '--bucket', bucket, '--key', one[0])
      // The others in one DeleteObjects (a POST with an XML body).
      await aws('s3', 'rm', '--recursive', `s3://${bucket}/`)
      if (long) {
        // 9 MiB: over the CLI's 8 MiB multipart threshold, so two parts
        // up and two ranged GETs down.
        const big = randomBytes(9 << 20)
        writeFileSync(join(dir, 'big.bin'), big)
        await aws('s3', 'cp', join(dir, 'big.bin'), `s3://${bucket}/big upload (9 MiB).bin`)
        await aws('s3', 'cp', `s3://${bucket}/big upload (9 MiB).bin`, join(dir, 'big-back.bin'))
        assert.ok(readFileSync(join(dir, 'big-back.bin')).equals(big), 'aws s3 cp round trip')
      }
      const [who, tables] = await Promise.all([aws('sts', 'get-caller-identity'), aws('dynamodb', 'list-tables'), aws('sqs', 'list-queues')])
      assert.equal(JSON.parse(who).Account, '123456789012')
      assert.deepEqual(JSON.parse(tables).TableNames, [])
    })
  }
  assert.equal(tally.get('aws-cli').refused.length, 0, refusals('aws-cli'))
})

// Debian's curl 7.88 signs the path and query as given (no encoding, no
// sorting) and, for -T uploads, the hash of an empty payload: requests here
// are ones it signs correctly (sorted, already-encoded queries; bodies
// given with --data-binary).
test('curl --aws-sigv4: S3 put/get/head/list/delete, sts, dynamodb', async () => {
  requireClient(CURL, 'curl')
  for (const [cred, key] of Object.entries(KEYS)) {
    await drive('curl', async () => {
      const curl = (service, ...args) => run(CURL, ['-sS', '--fail-with-body', '--aws-sigv4', `aws:amz:${REGION}:${service}`,
        '--user', `${key.accessKeyId}:${key.secretAccessKey}`,
        ...(key.sessionToken ? ['-H', `x-amz-security-token: ${key.sessionToken}`] : []), ...args])
      const bucket = `curl-${cred}`
      const keys = ['plain.txt', 'dir/sub-dir/file_1.txt', 'tilde~x.bin']
      for (const k of keys) {
        const file = join(dir, 'curl-body')
        writeFileSync(file, bodyOf('curl', cred, k))
        await curl('s3', '-X', 'PUT', '--data-binary', `@${file}`, `${ep.url}/${bucket}/${k}`)
        assert.deepEqual(await curl('s3', `${ep.url}/${bucket}/${k}`), bodyOf('curl', cred, k), `curl get ${k}`)
        await curl('s3', '-I', `${ep.url}/${bucket}/${k}`)
      }
      const list = String(await curl('s3', `${ep.url}/${bucket}?list-type=2&max-keys=100&prefix=dir%2Fsub-dir%2F`))
      assert.match(list, /<Key>dir\/sub-dir\/file_1\.txt<\/Key>/)
      await curl('s3', `${ep.url}/${bucket}?delimiter=%2F&encoding-type=url&list-type=2`)
      for (const k of keys) await curl('s3', '-X', 'DELETE', `${ep.url}/${bucket}/${k}`)
      assert.match(String(await curl('sts', '-H', 'content-type: application/x-www-form-urlencoded',
        '--data-binary', 'Action=GetCallerIdentity&Version=2011-06-15', `${ep.url}/`)), /<Account>123456789012<\/Account>/)
      assert.equal(String(await curl('dynamodb', '-H', 'content-type: application/x-amz-json-1.0',
        '-H', 'x-amz-target: DynamoDB_20120810.ListTables', '--data-binary', '{}', `${ep.url}/`)), '{"TableNames":[]}')
    })
  }
  assert.equal(tally.get('curl').refused.length, 0, refusals('curl'))
})

// s3cmd's signurl makes SigV2 URLs (AWSAccessKeyId/Expires/Signature), which
// are not SigV4: not driven here.
test('s3cmd: put (single and multipart), get, info, ls, del', async () => {
  requireClient(S3CMD, 's3cmd')
  for (const [cred, key] of Object.entries(KEYS)) {
    await drive('s3cmd', async () => {
      const host = ep.url.replace('http://', '')
      const config = join(dir, `s3cfg-${cred}`)
      writeFileSync(config, ['[default]', `access_key = ${key.accessKeyId}`, `secret_key = ${key.secretAccessKey}`,
        `access_token = ${key.sessionToken || ''}`, `host_base = ${host}`, `host_bucket = ${host}`, 'use_https = False',
        'signature_v2 = False', `bucket_location = ${REGION}`, 'progress_meter = False', ''].join('\n'))
      const s3cmd = (...args) => run(S3CMD, ['-c', config, ...args], { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8' })
      const bucket = `s3cmd-${cred}`
      // s3cmd reads * ? [ ] in a remote name as wildcards, and makes "//" one "/".
      const keys = AWKWARD.filter((k) => !/[*?[\]]|\/\/|^\//.test(k)).slice(0, cred === 'session' ? 4 : undefined)
      for (const k of keys) {
        writeFileSync(join(dir, 's3cmd-body'), bodyOf('s3cmd', cred, k))
        await s3cmd('put', join(dir, 's3cmd-body'), `s3://${bucket}/${k}`)
        await s3cmd('get', '--force', `s3://${bucket}/${k}`, join(dir, 's3cmd-out'))
        assert.deepEqual(readFileSync(join(dir, 's3cmd-out')), bodyOf('s3cmd', cred, k), `s3cmd get ${k}`)
      }
      await s3cmd('info', `s3://${bucket}/${keys[1]}`)
      await s3cmd('ls', `s3://${bucket}`)
      await s3cmd('ls')
      for (const k of keys) await s3cmd('del', `s3://${bucket}/${k}`)
      const big = randomBytes(6 << 20)
      writeFileSync(join(dir, 's3cmd-big'), big)
      await s3cmd('put', '--multipart-chunk-size-mb=5', join(dir, 's3cmd-big'), `s3://${bucket}/big (6 MiB).bin`)
      await s3cmd('get', '--force', `s3://${bucket}/big (6 MiB).bin`, join(dir, 's3cmd-big-back'))
      assert.ok(readFileSync(join(dir, 's3cmd-big-back')).equals(big), 's3cmd multipart round trip')
    })
  }
  assert.equal(tally.get('s3cmd').refused.length, 0, refusals('s3cmd'))
})

test('boto3 (Debian python3-boto3): s3 path and virtual-hosted with awkward keys, presigned URLs, sts, dynamodb, sqs', async () => {
  requireClient(PYTHON, 'python3')
  for (const [cred, key] of Object.entries(KEYS)) {
    await drive('boto3', async () => {
      const out = JSON.parse(await run(PYTHON, [BOTO3_DRIVER, ep.url, JSON.stringify(AWKWARD)], envFor(key))
        .catch((e) => { throw /No module named 'boto3'/.test(e.message) ? new Error(`boto3 is missing: install python3-boto3 (scripts/setup.sh installs it)\n${e.message}`) : e }))
      assert.deepEqual(out.errors, [])
      assert.equal(out.presigned.length, 8)
      // The driver deleted the objects: the presigned GETs find nothing, but
      // only a verified request gets a 404 from the endpoint.
      for (const url of out.presigned) {
        assert.ok(/X-Amz-Signature=/.test(url), `SigV4 presigned URL: ${url}`)
        assert.equal(await getStatus(url), 404, url)
      }
    })
  }
  assert.equal(tally.get('boto3').refused.length, 0, refusals('boto3'))
})

test('AWS SDK for JavaScript v3: S3 (awkward keys, checksums, copy, multipart, stream upload, presigned), STS, DynamoDB', async () => {
  for (const [cred, key] of Object.entries(KEYS)) {
    await drive('sdk-js-v3', async () => {
      const common = { region: REGION, endpoint: ep.url, credentials: key }
      const s3 = new S3Client({ ...common, forcePathStyle: true })
      const bucket = `sdk-${cred}`
      for (const k of AWKWARD) {
        const body = bodyOf('sdk', cred, k)
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: k, Body: body, ContentType: 'text/plain', Metadata: { note: 'loopback' } }))
        assert.equal((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: k }))).ContentLength, body.length)
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: k }))
        assert.deepEqual(Buffer.from(await got.Body.transformToByteArray()), body, `get ${k}`)
      }
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }))
      assert.deepEqual(listed.Contents.map((o) => o.Key).sort(), [...AWKWARD].sort())
      for (const k of FETCHABLE.slice(0, 4)) {
        const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: k }), { expiresIn: 300 })
        await fetchPresigned(url, bodyOf('sdk', cred, k), `getSignedUrl ${k}`)
      }
      // A checksum header, a tagging query string, a copy source naming an
      // awkward key, a presigned URL with a response-* parameter.
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tagged ü+(1).txt', Body: 'tagged', ChecksumAlgorithm: 'SHA256', Tagging: 'a=b&c=d e+f' }))
      await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy of tagged', CopySource: `${bucket}/${encodeURIComponent('tagged ü+(1).txt')}` }))
      const disposition = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'copy of tagged', ResponseContentDisposition: 'attachment; filename="a b+ü.txt"' }), { expiresIn: 300 })
      await fetchPresigned(disposition, Buffer.from('tagged'), 'getSignedUrl with response-content-disposition')
      const put = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: 'presigned put.txt' }), { expiresIn: 300 })
      assert.equal((await fetch(put, { method: 'PUT', body: 'presigned body' })).status, 200)
      for (const k of AWKWARD) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: k }))
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'multi part.bin' }))
      const parts = []
      for (const n of [1, 2]) {
        const { ETag } = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'multi part.bin', UploadId, PartNumber: n, Body: randomBytes(n === 1 ? 5 << 20 : 1000) }))
        parts.push({ ETag, PartNumber: n })
      }
      await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'multi part.bin', UploadId, MultipartUpload: { Parts: parts } }))
      // A stream body: the SDK sends it aws-chunked, its checksum a trailer.
      const streamed = randomBytes(70010)
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'streamed.bin', Body: Readable.from([streamed.subarray(0, 70000), streamed.subarray(70000)]), ContentLength: 70010 }))
      const back = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'streamed.bin' }))
      assert.ok(Buffer.from(await back.Body.transformToByteArray()).equals(streamed), 'aws-chunked upload decoded')
      const sts = new STSClient(common)
      assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, '123456789012')
      const ddb = new DynamoDBClient(common)
      assert.deepEqual((await ddb.send(new ListTablesCommand({}))).TableNames, [])
      await ddb.send(new PutItemCommand({ TableName: 'loopback', Item: { k: { S: 'ü + & "q" ~*%20' } } }))
      for (const client of [s3, sts, ddb]) client.destroy()
    })
  }
  assert.equal(tally.get('sdk-js-v3').refused.length, 0, refusals('sdk-js-v3'))
})

// Every client sent requests, with both credentials, and every one that is
// not aws-chunked was accepted.
test('summary: per-client counts', () => {
  const n = (x) => String(x).padStart(4)
  const rows = [...tally].map(([client, t]) => `${client.padEnd(10)} sent ${n(t.sent)}  accepted ${n(t.accepted)} (presigned ${n(t.presigned)}, with a session token ${n(t.withToken)})  aws-chunked accepted ${t.streaming}  refused ${t.refused.length}`)
  console.log(`verify() against real clients:\n${rows.join('\n')}`)
  for (const client of ['aws-cli', 'curl', 's3cmd', 'boto3', 'sdk-js-v3']) {
    const t = tally.get(client)
    assert.ok(t && t.sent >= 20, `${client} sent ${t ? t.sent : 0} requests`)
    assert.equal(t.refused.length, 0, refusals(client))
    assert.equal(t.accepted + t.streaming, t.sent)
    assert.ok(t.withToken > 0 && t.withToken < t.accepted, `${client}: requests with and without a session token`)
  }
  for (const client of ['aws-cli', 'boto3', 'sdk-js-v3']) assert.ok(tally.get(client).presigned > 0, `${client}: presigned URLs`)
  assert.ok(tally.get('sdk-js-v3').streaming > 0, 'the JS SDK sent aws-chunked uploads')
})

// The endpoint refuses what it should: the same clients with a wrong secret
// or a token the key does not have get 403s, each request refused for its
// signature or its token.
test('control: wrong secrets and wrong tokens are refused', async () => {
  const from = ep.verdicts.length
  const wrongSecret = { ...KEYS['long-term'], secretAccessKey: 'not/the+secret' }
  const wrongToken = { ...KEYS.session, sessionToken: 'another-token' }
  const s3 = new S3Client({ region: REGION, endpoint: ep.url, forcePathStyle: true, credentials: wrongSecret, maxAttempts: 1 })
  await assert.rejects(s3.send(new GetObjectCommand({ Bucket: 'control', Key: 'k' })), { name: 'ERR_SIGNATURE_MISMATCH' })
  s3.destroy()
  const sts = new STSClient({ region: REGION, endpoint: ep.url, credentials: wrongToken, maxAttempts: 1 })
  await assert.rejects(sts.send(new GetCallerIdentityCommand({})))
  sts.destroy()
  requireClient(AWS, 'awscli')
  await assert.rejects(run(AWS, ['--endpoint-url', ep.url, 's3api', 'list-objects-v2', '--bucket', 'control'], { ...envFor(wrongSecret), AWS_MAX_ATTEMPTS: '1' }), /SignatureDoesNotMatch|ERR_SIGNATURE_MISMATCH/)
  const out = JSON.parse(await run(PYTHON, ['-c', `
import boto3, json
from botocore.config import Config
s3 = boto3.client('s3', endpoint_url='${ep.url}', region_name='${REGION}', config=Config(retries={'max_attempts': 1}, s3={'addressing_style': 'path'}))
try:
    s3.head_object(Bucket='control', Key='k')
    print(json.dumps('accepted'))
except Exception as e:
    print(json.dumps(str(e)))
`], envFor(wrongToken)))
  assert.match(out, /403/)
  const verdicts = ep.verdicts.slice(from)
  assert.ok(verdicts.length >= 4)
  assert.deepEqual([...new Set(verdicts.map((v) => v.code))].sort(), ['ERR_SESSION_TOKEN', 'ERR_SIGNATURE_MISMATCH'])
})

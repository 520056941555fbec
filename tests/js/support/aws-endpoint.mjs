// A loopback stand-in for AWS endpoints, for real clients: every request is
// checked by our verify() exactly as it arrived on the wire (the raw
// request target, req.rawHeaders with duplicates in order, the whole body),
// every verdict is recorded, and the answer is what the client's protocol
// expects, so that the client carries on to its next request:
//   - S3 (REST-XML): an in-memory bucket store (PUT, GET, HEAD, DELETE,
//     ListObjects v1/v2, ListBuckets, ?location, multipart uploads; path
//     style, or virtual hosts <bucket>.localhost);
//   - JSON protocol (content-type application/x-amz-json-*): {} or a list;
//   - query protocol (form POST with Action=...): <ActionResponse> XML.
// A request verify() refuses gets a 403 with the verdict's code.
//
//   const ep = await startAwsEndpoint({ credentials: { AKID: { secretAccessKey, sessionToken } } })
//   ... drive a client at ep.url ...
//   ep.verdicts   // [{ method, target, valid, code, message, streaming, payload, service, presigned }]
//   await ep.close()

import http from 'node:http'
import { createHash } from 'node:crypto'
import { verify } from '../../../js/index.js'
import { listenLoopback } from './loopback.mjs'
import { rawHeaderPairs } from './wire.mjs'
import { percentDecode } from './rawquery.mjs'

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/'
const md5hex = (b) => createHash('md5').update(b).digest('hex')
const xmlEscape = (s) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
const xmlUnescape = (s) => s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|amp|apos|quot));/gi, (_, d, x, n) =>
  d ? String.fromCodePoint(+d) : x ? String.fromCodePoint(parseInt(x, 16)) : { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' }[n])

/**
 * @param {{ credentials: Record<string, { secretAccessKey: string, sessionToken?: string }>,
 *   region?: string | string[], service?: string | string[] }} options
 */
export async function startAwsEndpoint ({ credentials, region = '*', service = '*' }) {
  const verdicts = []
  const buckets = new Map() // bucket -> Map(key -> { body, type })
  const uploads = new Map() // uploadId -> Map(part -> body)
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      const headers = rawHeaderPairs(req.rawHeaders)
      const contentSha = req.headers['x-amz-content-sha256'] || ''
      let v
      try {
        v = await verify({ method: req.method, url: `http://${req.headers.host}${req.url}`, path: req.url, headers, body },
          { credentials: (akid) => credentials[akid] || null, region, service, allowUnsignedPayload: true, debug: true })
      } catch (e) {
        v = { valid: false, code: 'THROWN', message: e.message }
      }
      verdicts.push({
        method: req.method,
        target: req.url,
        userAgent: req.headers['user-agent'] || '',
        valid: v.valid,
        code: v.code,
        message: v.message,
        streaming: contentSha.startsWith('STREAMING-') ? contentSha : undefined,
        payload: v.payload,
        service: v.service,
        presigned: v.presigned,
        sessionToken: v.sessionToken !== undefined,
        // What to look at when a request is refused.
        ...(v.valid ? {} : { headers, canonicalRequest: v.canonicalRequest }),
      })
      if (!v.valid) return send(res, req, 403, xmlError(v.code, v.message), 'application/xml')
      const type = req.headers['content-type'] || ''
      if (type.startsWith('application/x-amz-json')) return send(res, req, 200, jsonAnswer(req.headers['x-amz-target']), type)
      const form = type.startsWith('application/x-www-form-urlencoded') && new URLSearchParams(body.toString())
      if (form && form.get('Action')) return send(res, req, 200, queryAnswer(form.get('Action')), 'text/xml')
      try {
        s3(req, res, Buffer.from(v.body)) // an aws-chunked body's data
      } catch (e) {
        send(res, req, 500, xmlError('InternalError', e.message))
      }
    })
  })

  function s3 (req, res, body) {
    // The raw target (new URL() would resolve "//" and dot segments).
    const qi = req.url.indexOf('?')
    const path = qi < 0 ? req.url : req.url.slice(0, qi)
    const q = new URLSearchParams(qi < 0 ? '' : req.url.slice(qi + 1))
    // Virtual-hosted addressing: <bucket>.localhost names the bucket.
    const vhost = /^(.+)\.localhost(?::\d+)?$/.exec(req.headers.host || '')
    const [, bucket = '', ...rest] = vhost ? ['', vhost[1], ...path.slice(1).split('/')] : path.split('/')
    const key = percentDecode(rest.join('/'))
    if (!bucket) return send(res, req, 200, listBuckets([...buckets.keys()]))
    if (!buckets.has(bucket)) buckets.set(bucket, new Map())
    const store = buckets.get(bucket)
    if (req.method === 'POST' && q.has('delete')) {
      // DeleteObjects: each <Key> of the XML body.
      const keys = [...body.toString().matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => xmlUnescape(m[1]))
      for (const k of keys) store.delete(k)
      return send(res, req, 200, `<DeleteResult xmlns="${S3_NS}">${keys.map((k) => `<Deleted><Key>${xmlEscape(k)}</Key></Deleted>`).join('')}</DeleteResult>`)
    }
    if (!key) {
      if (q.has('location')) return send(res, req, 200, `<LocationConstraint xmlns="${S3_NS}"></LocationConstraint>`)
      if (req.method === 'GET') return send(res, req, 200, listObjects(store, q))
      return send(res, req, 200, '')
    }
    if (q.has('acl')) return send(res, req, 200, `<AccessControlPolicy xmlns="${S3_NS}"><Owner><ID>o</ID><DisplayName>o</DisplayName></Owner><AccessControlList></AccessControlList></AccessControlPolicy>`)
    if (req.method === 'POST' && q.has('uploads')) {
      const id = `upload-${uploads.size + 1}`
      uploads.set(id, new Map())
      return send(res, req, 200, `<InitiateMultipartUploadResult xmlns="${S3_NS}"><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`)
    }
    if (req.method === 'PUT' && q.has('uploadId')) {
      uploads.get(q.get('uploadId'))?.set(Number(q.get('partNumber')), body)
      return send(res, req, 200, '', 'application/xml', { etag: `"${md5hex(body)}"` })
    }
    if (req.method === 'POST' && q.has('uploadId')) {
      const parts = uploads.get(q.get('uploadId')) || new Map()
      const whole = Buffer.concat([...parts.keys()].sort((a, b) => a - b).map((n) => parts.get(n)))
      store.set(key, { body: whole, type: 'application/octet-stream' })
      return send(res, req, 200, `<CompleteMultipartUploadResult xmlns="${S3_NS}"><Bucket>${xmlEscape(bucket)}</Bucket><Key>${xmlEscape(key)}</Key><ETag>"${md5hex(whole)}-${parts.size}"</ETag></CompleteMultipartUploadResult>`)
    }
    const copySource = req.headers['x-amz-copy-source']
    if (req.method === 'PUT' && copySource) {
      const [, from, ...fromKey] = percentDecode(copySource.replace(/^\/?/, '/')).split('/')
      const obj = buckets.get(from)?.get(fromKey.join('/'))
      if (!obj) return send(res, req, 404, xmlError('NoSuchKey', 'The specified key does not exist.'))
      store.set(key, obj)
      return send(res, req, 200, `<CopyObjectResult><ETag>"${md5hex(obj.body)}"</ETag><LastModified>2026-01-01T00:00:00.000Z</LastModified></CopyObjectResult>`)
    }
    if (req.method === 'PUT') {
      store.set(key, { body, type: req.headers['content-type'] || 'binary/octet-stream' })
      return send(res, req, 200, '', 'application/xml', { etag: `"${md5hex(body)}"` })
    }
    if (req.method === 'DELETE') {
      store.delete(key)
      return send(res, req, 204, '')
    }
    const obj = store.get(key)
    if (!obj) return send(res, req, 404, xmlError('NoSuchKey', 'The specified key does not exist.'))
    const meta = { etag: `"${md5hex(obj.body)}"`, 'last-modified': new Date().toUTCString(), 'accept-ranges': 'bytes' }
    // Ranged GETs: the CLIs download large objects in parts.
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range || '')
    if (range) {
      const start = Number(range[1])
      const end = Math.min(range[2] ? Number(range[2]) : Infinity, obj.body.length - 1)
      return send(res, req, 206, obj.body.subarray(start, end + 1), obj.type,
        { ...meta, 'content-range': `bytes ${start}-${end}/${obj.body.length}` })
    }
    return send(res, req, 200, obj.body, obj.type, meta)
  }

  return { ...await listenLoopback(server), verdicts, buckets }
}

function listBuckets (names) {
  const b = names.map((n) => `<Bucket><Name>${xmlEscape(n)}</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket>`).join('')
  return `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>o</ID><DisplayName>o</DisplayName></Owner><Buckets>${b}</Buckets></ListAllMyBucketsResult>`
}

function listObjects (store, q) {
  const prefix = q.get('prefix') || ''
  const url = q.get('encoding-type') === 'url'
  const name = (k) => xmlEscape(url ? encodeURIComponent(k) : k)
  const items = [...store.entries()].filter(([k]) => k.startsWith(prefix)).map(([k, o]) =>
    `<Contents><Key>${name(k)}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"${md5hex(o.body)}"</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('')
  const v2 = q.get('list-type') === '2' ? `<KeyCount>${store.size}</KeyCount>` : ''
  return `<ListBucketResult xmlns="${S3_NS}"><Name>b</Name><Prefix>${name(prefix)}</Prefix>${v2}<MaxKeys>1000</MaxKeys>${url ? '<EncodingType>url</EncodingType>' : ''}<IsTruncated>false</IsTruncated>${items}</ListBucketResult>`
}

function jsonAnswer (target = '') {
  return JSON.stringify(target.endsWith('.ListTables') ? { TableNames: [] } : {})
}

function queryAnswer (action) {
  const result = action === 'GetCallerIdentity'
    ? '<Arn>arn:aws:iam::123456789012:user/loopback</Arn><UserId>AIDALOOPBACK</UserId><Account>123456789012</Account>'
    : ''
  return `<${action}Response><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>loopback</RequestId></ResponseMetadata></${action}Response>`
}

function xmlError (code, message) {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${xmlEscape(String(code))}</Code><Message>${xmlEscape(String(message))}</Message><RequestId>loopback</RequestId></Error>`
}

function send (res, req, status, body, type = 'application/xml', extra = {}) {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body)
  res.writeHead(status, {
    'content-type': type,
    'content-length': buf.length,
    'x-amz-request-id': 'loopback',
    date: new Date().toUTCString(),
    ...extra,
  })
  res.end(req.method === 'HEAD' ? undefined : buf)
}

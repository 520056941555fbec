// @aws-sdk/s3-presigned-post at a fixed time (createPresignedPost reads
// Date.now()): the independent oracle of presignPost's url and fields.
import { S3Client } from '@aws-sdk/client-s3'
import { createPresignedPost } from '@aws-sdk/s3-presigned-post'

/** u: { region, credentials, pathStyle?, ms, bucket, key, conditions, fields, expiresIn } */
export async function sdkPresign (u) {
  const client = new S3Client({ region: u.region, credentials: u.credentials, forcePathStyle: u.pathStyle })
  const realNow = Date.now
  Date.now = () => u.ms
  try {
    return await createPresignedPost(client, { Bucket: u.bucket, Key: u.key, Conditions: u.conditions, Fields: u.fields, Expires: u.expiresIn })
  } finally {
    Date.now = realNow
  }
}

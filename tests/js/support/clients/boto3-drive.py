# Drives boto3 (Debian's python3-boto3) against the loopback endpoint of
# tests/js/clients.test.js. Credentials come from the environment
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN); argv: the
# endpoint URL, then the JSON list of object keys. Prints one JSON object:
# { "presigned": [GET urls], "errors": [what went wrong] }.
import json
import socket
import sys

import boto3
from botocore.config import Config

endpoint, keys = sys.argv[1], json.loads(sys.argv[2])
port = endpoint.rsplit(':', 1)[1]

# Virtual-hosted S3 addressing needs <bucket>.localhost to reach loopback:
# resolve every *.localhost name to 127.0.0.1 in this process.
_getaddrinfo = socket.getaddrinfo
def _loopback(host, *args, **kwargs):
    if isinstance(host, str) and host.endswith('.localhost'):
        host = '127.0.0.1'
    return _getaddrinfo(host, *args, **kwargs)
socket.getaddrinfo = _loopback

errors = []
def check(what, got, want):
    if got != want:
        errors.append('%s: got %r, want %r' % (what, got, want))

session = boto3.session.Session(region_name='us-east-1')
path_style = session.client('s3', endpoint_url=endpoint, config=Config(signature_version='s3v4', s3={'addressing_style': 'path'}))
virtual = session.client('s3', endpoint_url='http://localhost:' + port,
                         config=Config(signature_version='s3v4', s3={'addressing_style': 'virtual'}))
presigned = []
for name, s3, bucket in (('path', path_style, 'boto3-path'), ('virtual', virtual, 'boto3-virtual')):
    for i, key in enumerate(keys):
        body = ('boto3 %s %d %s' % (name, i, key)).encode()
        s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType='text/plain; charset=utf-8',
                      Metadata={'note': 'plain ascii', 'n': str(i)})
        check('%s head %r' % (name, key), s3.head_object(Bucket=bucket, Key=key)['ContentLength'], len(body))
        check('%s get %r' % (name, key), s3.get_object(Bucket=bucket, Key=key)['Body'].read(), body)
    listed = s3.list_objects_v2(Bucket=bucket, Prefix='')
    check('%s list' % name, sorted(o['Key'] for o in listed.get('Contents', [])), sorted(keys))
    s3.list_objects(Bucket=bucket)
    for key in keys[:3]:
        presigned.append(s3.generate_presigned_url('get_object', Params={'Bucket': bucket, 'Key': key}, ExpiresIn=300))
    # Signed headers beyond the usual: a tagging query string, a checksum,
    # a copy source naming an awkward key.
    s3.put_object(Bucket=bucket, Key='tagged ü+(1).txt', Body=b'tagged', Tagging='a=b&c=d e+f',
                  ChecksumAlgorithm='SHA256')
    s3.copy_object(Bucket=bucket, Key='copy of tagged', CopySource={'Bucket': bucket, 'Key': 'tagged ü+(1).txt'})
    check('%s copy' % name, s3.get_object(Bucket=bucket, Key='copy of tagged')['Body'].read(), b'tagged')
    presigned.append(s3.generate_presigned_url('get_object', ExpiresIn=300, Params={
        'Bucket': bucket, 'Key': 'tagged ü+(1).txt', 'ResponseContentDisposition': 'attachment; filename="a b+ü.txt"'}))
    for key in keys:
        s3.delete_object(Bucket=bucket, Key=key)
    s3.delete_objects(Bucket=bucket, Delete={'Objects': [{'Key': 'copy of tagged'}, {'Key': 'tagged ü+(1).txt'}]})

sts = session.client('sts', endpoint_url=endpoint)
check('sts account', sts.get_caller_identity()['Account'], '123456789012')
ddb = session.client('dynamodb', endpoint_url=endpoint)
check('dynamodb tables', ddb.list_tables()['TableNames'], [])
ddb.put_item(TableName='loopback', Item={'k': {'S': 'ü + & "q" ~*%20'}})
sqs = session.client('sqs', endpoint_url=endpoint)
sqs.list_queues()
sqs.send_message(QueueUrl=endpoint + '/123456789012/q', MessageBody='héllo + wörld & = ~ * %20')
print(json.dumps({'presigned': presigned, 'errors': errors}))

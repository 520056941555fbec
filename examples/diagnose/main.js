// The 403 diagnosis page: reads the request as sent (raw HTTP or a curl
// command line), AWS's error body and the credentials from the form, and
// shows what diagnose() makes of them. Everything runs here: the package's
// default entry carries the wasm inside, so nothing is fetched, ever.
import { init, diagnose, parseAwsError } from 'sigv4-wasm'
import { isCurl, readPasted } from './paste.js'
import { showDiagnosis, showAwsSaid } from './view.js'

const $ = (id) => document.getElementById(id)
const form = $('form')
const problem = $('problem')

function readOptions (curl) {
  const value = (id) => $(id).value.trim()
  const options = {}
  const accessKeyId = value('access-key-id')
  const secretAccessKey = $('secret-access-key').value
  if (accessKeyId || secretAccessKey) {
    options.credentials = { accessKeyId, secretAccessKey }
    const token = value('session-token')
    if (token) options.credentials.sessionToken = token
  } else if (curl?.credentials) {
    options.credentials = curl.credentials // curl --user AKID:SECRET
  }
  // The form wins over curl's --aws-sigv4 provider string.
  const region = value('region') || curl?.region
  const service = value('service') || curl?.service
  if (region) options.region = region
  if (service) options.service = service
  return options
}

function say (message) {
  problem.textContent = message
}

async function run (event) {
  event.preventDefault()
  say('')
  $('result').hidden = true
  const text = $('request').value
  if (!text.trim()) {
    say('Paste the request you sent first.')
    $('request').focus()
    return
  }
  try {
    const { request, curl } = readPasted(text)
    const errorText = $('error').value.trim()
    const awsError = errorText ? parseAwsError(errorText) : undefined
    const diagnosis = await diagnose({ request, options: readOptions(curl), awsError })
    showAwsSaid($('aws-said'), awsError)
    showDiagnosis(diagnosis, { causes: $('causes'), canonicalRequest: $('canonical-request'), stringToSign: $('string-to-sign') })
    $('result').hidden = false
    $('result-heading').focus()
  } catch (e) {
    say(e.code ? `${e.message} (${e.code})` : `Could not diagnose: ${e.message}`)
  }
}

function showKind () {
  const text = $('request').value
  $('request-kind').textContent = !text.trim() ? '' : isCurl(text) ? 'Read as a curl command line.' : 'Read as a raw HTTP request.'
}

$('request').addEventListener('input', showKind)
form.addEventListener('submit', run)
init().then(() => {
  $('run').disabled = false
  document.body.dataset.ready = 'true'
}, (e) => say(`The signer did not load: ${e.message}`))

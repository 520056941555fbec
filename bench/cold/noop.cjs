'use strict'
// Baseline: a Node process that loads nothing and signs nothing.
const { done } = require('./common.cjs')
done({}, null)

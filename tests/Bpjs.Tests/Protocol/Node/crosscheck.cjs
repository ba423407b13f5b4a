// The independent side of tests/Bpjs.Tests/Protocol/NodeCrossCheckTests.cs: Node's own crypto and the npm lz-string
// package (1.5.0) do what BPJS's clients do, on the inputs the test wrote to a file; one JSON line of results out.
// Usage: node crosscheck.cjs <folder where lz-string is installed> <input.json>
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const [lzFolder, inputFile] = process.argv.slice(2);
const LZString = require(path.join(lzFolder, 'node_modules', 'lz-string'));
const lzVersion = require(path.join(lzFolder, 'node_modules', 'lz-string', 'package.json')).version;
const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));

// BPJS: key = SHA-256(consId + secret + timestamp), IV = its first 16 bytes, AES-256-CBC, PKCS#7, Base64.
function keyOf(material) {
  return crypto.createHash('sha256').update(material, 'utf8').digest();
}

function encrypt(material, plain) {
  const key = keyOf(material);
  const cipher = crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

function decrypt(material, sealed) {
  const key = keyOf(material);
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
}

function signature(consId, secret, timestamp) {
  return crypto.createHmac('sha256', secret).update(`${consId}&${timestamp}`, 'utf8').digest('base64');
}

const output = {
  lzString: lzVersion,
  lzCompress: (input.lzCompress || []).map((s) => LZString.compressToEncodedURIComponent(s)),
  // Some inputs make the npm package itself throw (it reads a dictionary entry that is not there); that is reported as
  // the marker below, where ours answers null.
  lzDecompress: (input.lzDecompress || []).map((s) => {
    try {
      return LZString.decompressFromEncodedURIComponent(s);
    } catch (e) {
      return '!throws: ' + e.message;
    }
  }),
  aesEncrypt: (input.aesEncrypt || []).map((x) => encrypt(x.material, x.text)),
  aesDecrypt: (input.aesDecrypt || []).map((x) => decrypt(x.material, x.text)),
  signature: (input.signature || []).map((x) => signature(x.consId, x.secret, x.timestamp)),
};
process.stdout.write(JSON.stringify(output) + '\n');

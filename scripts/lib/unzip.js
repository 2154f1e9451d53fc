'use strict';
// Minimal ZIP reader (stored and deflated entries, as vsce writes them), so that the DevTools folder is
// unpacked from the very .vsix that was built, without another dependency.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function readEntries(buffer) {
  const minEnd = Math.max(0, buffer.length - 22 - 0xffff);
  let end = -1;
  for (let i = buffer.length - 22; i >= minEnd; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, method, compressedSize, localOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(buffer, entry) {
  const local = entry.localOffset;
  if (buffer.readUInt32LE(local) !== 0x04034b50) throw new Error(`corrupt local header for ${entry.name}`);
  const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  const raw = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return raw;
  if (entry.method === 8) return zlib.inflateRawSync(raw);
  throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
}

/** Extracts the entries under `prefix` (e.g. "extension/") into `targetDir`; returns the relative paths. */
function unzip(zipFile, targetDir, prefix = '') {
  const buffer = fs.readFileSync(zipFile);
  const written = [];
  for (const entry of readEntries(buffer)) {
    if (!entry.name.startsWith(prefix) || entry.name.endsWith('/')) continue;
    const relative = entry.name.slice(prefix.length);
    const target = path.resolve(targetDir, relative);
    if (!target.startsWith(path.resolve(targetDir) + path.sep)) throw new Error(`unsafe path in zip: ${entry.name}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entryData(buffer, entry));
    written.push(relative);
  }
  return written;
}

module.exports = { unzip, readEntries };

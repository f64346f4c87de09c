// Makes a capture twice the size of one made by ../shared/bench/pcap/gen-pcap.sh: the packets once
// as they are, then once more moved past the end in time and with every 127.0.0.1 address turned
// into 127.0.0.2, so the second copy's connections are new connections. The nginx access log (the
// ground truth) is doubled to match. Classic pcap with Ethernet and IPv4, as gen-pcap.sh writes.
//   node bench/pcap/double-capture.mjs mixed-500m mixed-1g
import { closeSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from "node:fs";

const [from, to] = process.argv.slice(2);
const dir = process.env.B ?? "/tmp/proxydoc-bench/pcap";
if (!from || !to) {
  console.error("usage: node double-capture.mjs FROM TO (names in $B, default /tmp/proxydoc-bench/pcap)");
  process.exit(2);
}
const input = `${dir}/${from}.pcap`;
const output = `${dir}/${to}.pcap`;
const LOOPBACK = [127, 0, 0, 1];

/** Calls `each(record, header)` for every record of a classic pcap file, reading it in pieces. */
function forEachRecord(path, each) {
  const fd = openSync(path, "r");
  const header = Buffer.alloc(24);
  readSync(fd, header, 0, 24, 0);
  const magic = header.readUInt32LE(0);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && header.readUInt32BE(0) !== 0xa1b2c3d4 && header.readUInt32BE(0) !== 0xa1b23c4d)
    throw new Error(`${path} is not a classic pcap file`);
  const nano = (little ? magic : header.readUInt32BE(0)) === 0xa1b23c4d;
  let buffer = Buffer.alloc(8 << 20);
  let filled = 0;
  let position = 24;
  for (;;) {
    const read = readSync(fd, buffer, filled, buffer.length - filled, position);
    position += read;
    filled += read;
    let at = 0;
    while (at + 16 <= filled) {
      const length = little ? buffer.readUInt32LE(at + 8) : buffer.readUInt32BE(at + 8);
      if (at + 16 + length > filled) break;
      each(buffer.subarray(at, at + 16 + length), { little, nano });
      at += 16 + length;
    }
    buffer.copy(buffer, 0, at, filled);
    filled -= at;
    if (read === 0) break;
    if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(buffer.length)]);
  }
  closeSync(fd);
}

const out = openSync(output, "w");
const header = Buffer.alloc(24);
const source = openSync(input, "r");
readSync(source, header, 0, 24, 0);
closeSync(source);
writeSync(out, header);
let first = Number.POSITIVE_INFINITY;
let last = 0;
forEachRecord(input, (record, { little }) => {
  const seconds = little ? record.readUInt32LE(0) : record.readUInt32BE(0);
  first = Math.min(first, seconds);
  last = Math.max(last, seconds);
  writeSync(out, record);
});
const shift = last - first + 2;
let moved = 0;
forEachRecord(input, (record, { little }) => {
  const copy = Buffer.from(record);
  const seconds = (little ? copy.readUInt32LE(0) : copy.readUInt32BE(0)) + shift;
  if (little) copy.writeUInt32LE(seconds, 0);
  else copy.writeUInt32BE(seconds, 0);
  const frame = copy.subarray(16);
  // Ethernet, then IPv4: source and destination addresses at 26 and 30.
  if (frame.length >= 34 && frame.readUInt16BE(12) === 0x0800) {
    for (const at of [26, 30]) {
      if (LOOPBACK.every((byte, i) => frame[at + i] === byte)) {
        frame[at + 3] = 2;
        moved++;
      }
    }
  }
  writeSync(out, copy);
});
closeSync(out);
const log = readFileSync(`${dir}/${from}.nginx-access.log`);
writeFileSync(`${dir}/${to}.nginx-access.log`, Buffer.concat([log, log]));
console.log(`${output}: the packets of ${input} twice (${moved} addresses moved to 127.0.0.2 in the second copy)`);

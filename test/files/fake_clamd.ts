// A stand-in for ClamAV's daemon on loopback, speaking its INSTREAM command as clamd does: it reassembles the
// length-prefixed chunks, records what it was sent, and finds "malware" in any stream containing the EICAR test
// string. `broken` makes it answer nonsense, as a daemon failing mid-scan would.
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";

export const EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

export interface FakeClamd {
  url: string;
  scanned: Buffer[];
  broken: boolean;
  close(): Promise<void>;
}

export async function startFakeClamd(): Promise<FakeClamd> {
  const fake: FakeClamd = { url: "", scanned: [], broken: false, close: async () => {} };
  const server: Server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let commandRead = false;
    const chunks: Buffer[] = [];
    socket.on("data", (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (!commandRead) {
        const end = buffer.indexOf(0);
        if (end < 0) return;
        if (buffer.toString("latin1", 0, end) !== "zINSTREAM") return void socket.end("UNKNOWN COMMAND\0");
        buffer = buffer.subarray(end + 1);
        commandRead = true;
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          const stream = Buffer.concat(chunks);
          fake.scanned.push(stream);
          if (fake.broken) return void socket.end("INSTREAM size limit exceeded. ERROR\0");
          return void socket.end(stream.includes(EICAR) ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0");
        }
        if (buffer.length < 4 + length) return;
        chunks.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

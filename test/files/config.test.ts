// The files settings of lib/config.ts (FILES_STORAGE and the S3_* variables): the default needs nothing, S3 needs a
// bucket, and production refuses S3 without its keys. Their documentation is checked by test/lib/config.test.ts.
import test from "ava";
import { readFilesConfig } from "../../lib/config.ts";

const MINIMAL = { FILES_SIGNING_KEY: "f".repeat(32) };
const S3 = { ...MINIMAL, FILES_STORAGE: "s3", S3_BUCKET: "p2p-files" };

test("local disk by default; S3 with a bucket, us-east-1 and virtual-host style unless told", (t) => {
  t.like(readFilesConfig(MINIMAL), { storage: "local", s3: undefined });
  t.like(readFilesConfig(S3), { storage: "s3", s3: { bucket: "p2p-files", region: "us-east-1", endpoint: undefined,
    forcePathStyle: false, accessKeyId: undefined, secretAccessKey: undefined } });
  t.like(readFilesConfig({ ...S3, S3_REGION: "eu-west-3", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: "AKID", S3_SECRET_ACCESS_KEY: "secret" }),
    { s3: { region: "eu-west-3", endpoint: "http://127.0.0.1:9000", forcePathStyle: true, accessKeyId: "AKID", secretAccessKey: "secret" } });
});

test("bad or missing S3 settings stop the boot with the variable's name", (t) => {
  const refused: Array<[Record<string, string>, RegExp]> = [
    [{ ...MINIMAL, FILES_STORAGE: "gcs" }, /FILES_STORAGE must be local or s3/],
    [{ ...MINIMAL, FILES_STORAGE: "s3" }, /S3_BUCKET is required/],
    [{ ...S3, NODE_ENV: "production" }, /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required in production/],
    [{ ...S3, S3_ACCESS_KEY_ID: "AKID" }, /set together/],
    [{ ...S3, S3_ENDPOINT: "minio:9000" }, /S3_ENDPOINT is not an http/],
    [{ ...S3, S3_FORCE_PATH_STYLE: "yes" }, /S3_FORCE_PATH_STYLE must be true or false/],
  ];
  for (const [source, message] of refused) t.throws(() => readFilesConfig(source), { message }, JSON.stringify(source));
  t.like(readFilesConfig({ ...S3, NODE_ENV: "production", S3_ACCESS_KEY_ID: "AKID", S3_SECRET_ACCESS_KEY: "secret" }), { storage: "s3" });
});

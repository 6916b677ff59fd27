// Texts a phone verification code (enqueued by app_public.request_phone_verification with payload { id }). The
// code is minted here, in SQL (app_private.issue_phone_code stores only its bcrypt hash), so it exists nowhere but
// in this message.
import type { Task } from "graphile-worker";
import { assertIdPayload } from "../payload.ts";
import type { TaskDeps } from "./index.ts";

export function makeSmsSendPhoneCodeTask({ smsSender }: Pick<TaskDeps, "smsSender">): Task {
  return async (payload, helpers) => {
    const { id } = assertIdPayload("sms__send_phone_code", payload);
    const issued = await helpers.withPgClient(
      async (client) =>
        (
          await client.query<{ phone_number: string; code: string }>(
            "select phone_number, code from app_private.issue_phone_code($1)",
            [id]
          )
        ).rows[0]
    );
    if (!issued) {
      helpers.logger.debug("phone verification request was used or replaced; nothing to send", { codeId: id });
      return;
    }
    await smsSender.send({
      id,
      to: issued.phone_number,
      body: `${issued.code} is your P2P Delivery verification code. It expires in a few minutes; never share it.`,
    });
    helpers.logger.info("phone verification code sent", { codeId: id });
  };
}

import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { read, write } from '../../platform/unit-of-work.js';
import type { DealAttachmentView } from './contracts.js';
import { lockDeal, recordDealEvent } from './moves.js';
import {
  ATTACHMENT_TYPES,
  type AttachmentType,
  bytesMatch,
  cleanFilename,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
} from './rules/attachment.js';
import { isFinal } from './rules/lifecycle.js';
import { dealAttachments } from './schema.js';

/** The partner attaches a file (quote, email, plan) to its registration while it is open. */
export async function addAttachment(
  ctx: Ctx,
  dealId: string,
  file: { filename: string; contentType: string; bytes: Buffer },
): Promise<DealAttachmentView> {
  requireAccess(ctx.actor, 'deal.register');
  const filename = cleanFilename(file.filename);
  if (!filename) throw invalid('filename', 'is required');
  const type = file.contentType.split(';')[0]!.trim().toLowerCase();
  if (!(type in ATTACHMENT_TYPES))
    throw new AppError('unsupported_media_type', `${type} files cannot be attached`, [
      { field: 'content-type', message: `must be one of ${Object.keys(ATTACHMENT_TYPES).join(', ')}` },
    ]);
  if (file.bytes.length === 0) throw invalid('body', 'the file is empty');
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', 'The file is too large');
  if (!bytesMatch(type as AttachmentType, file.bytes)) throw invalid('body', `the file is not ${type}`);
  return write(ctx, 'deals.attach', async (tx) => {
    const deal = await lockDeal(tx, dealId);
    if (isFinal(deal.status))
      throw new AppError('invalid_transition', `files cannot be added to a registration that is ${deal.status}`);
    const [n] = await tx.select({ n: count() }).from(dealAttachments).where(eq(dealAttachments.dealId, dealId));
    if (Number(n?.n ?? 0) >= MAX_ATTACHMENTS)
      throw invalid('body', `a registration holds at most ${MAX_ATTACHMENTS} files`);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const [row] = await tx
      .insert(dealAttachments)
      .values({
        dealId,
        partnerId: deal.partnerId,
        filename,
        contentType: type,
        sizeBytes: file.bytes.length,
        sha256,
        data: file.bytes,
        uploadedBy: ctx.actor.label,
      })
      .returning();
    const view = {
      id: row!.id,
      filename,
      contentType: type,
      sizeBytes: row!.sizeBytes,
      sha256,
      uploadedBy: row!.uploadedBy,
      createdAt: row!.createdAt.toISOString(),
    };
    await recordDealEvent(tx, deal, { kind: 'attachment_added', reason: filename, actorLabel: ctx.actor.label });
    await recordChange(tx, ctx, {
      action: 'deal.attachment_added',
      objectType: 'deal',
      objectId: dealId,
      partnerId: deal.partnerId,
      before: null,
      after: view,
    });
    return view;
  });
}

export async function getAttachment(ctx: Ctx, dealId: string, id: string) {
  requireAccess(ctx.actor, 'deal.read');
  return read(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(dealAttachments)
      .where(and(eq(dealAttachments.id, id), eq(dealAttachments.dealId, dealId)));
    if (!row) throw notFound('Attachment');
    return row;
  });
}

export async function deleteAttachment(ctx: Ctx, dealId: string, id: string): Promise<void> {
  requireAccess(ctx.actor, 'deal.register');
  await write(ctx, 'deals.detach', async (tx) => {
    const deal = await lockDeal(tx, dealId);
    if (isFinal(deal.status))
      throw new AppError('invalid_transition', `files of a registration that is ${deal.status} stay on record`);
    const [row] = await tx
      .delete(dealAttachments)
      .where(and(eq(dealAttachments.id, id), eq(dealAttachments.dealId, dealId)))
      .returning({ filename: dealAttachments.filename });
    if (!row) throw notFound('Attachment');
    await recordDealEvent(tx, deal, { kind: 'attachment_removed', reason: row.filename, actorLabel: ctx.actor.label });
    await recordChange(tx, ctx, {
      action: 'deal.attachment_removed',
      objectType: 'deal',
      objectId: dealId,
      partnerId: deal.partnerId,
      before: { id, filename: row.filename },
      after: null,
    });
  });
}

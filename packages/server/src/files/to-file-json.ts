import type { KnowledgeFile } from '@company-chat/core';

/** The JSON a client sees for a knowledge file (never the uploader's other data or storage details). */
export function toFileJson(file: KnowledgeFile) {
  return {
    id: file.id,
    name: file.name,
    mediaType: file.mediaType,
    kind: file.kind,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    scope: file.scope,
    status: file.status,
    stage: file.stage,
    error: file.error,
    pageCount: file.pageCount,
    chunkCount: file.chunkCount,
    version: file.version,
    previousVersions: file.previousVersions.map((v) => ({
      version: v.version,
      sha256: v.sha256,
      sizeBytes: v.sizeBytes,
      replacedAt: v.replacedAt.toISOString(),
    })),
    createdAt: file.createdAt.toISOString(),
    updatedAt: file.updatedAt.toISOString(),
  };
}

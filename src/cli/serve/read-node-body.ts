import type { IncomingMessage } from 'node:http';
import type { BodyRead } from '../../server/route-api-request';

/**
 * A Node request's body, at most `maxBytes`: past that (by `Content-Length`, or by counting
 * a chunked body) it stops reading, pauses the request and drops what it had, so an
 * oversized body is never buffered whole. Likewise when `deadline` aborts before the body
 * is whole (`{ timedOut: true }`). Rejects when the client goes away mid-body.
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number, deadline?: AbortSignal): Promise<BodyRead> {
  if (Number(req.headers['content-length']) > maxBytes) return Promise.resolve({ tooLarge: true });
  if (deadline?.aborted) return Promise.resolve({ timedOut: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      deadline?.removeEventListener('abort', onDeadline);
    };
    const onDeadline = () => {
      stop();
      req.pause();
      resolve({ timedOut: true });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      stop();
      req.pause();
      resolve({ tooLarge: true });
    };
    const onEnd = () => {
      stop();
      resolve({ chunks });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    // `close` before `end`: the connection went away before the body was whole.
    const onClose = () => onError(new Error('request closed before its body ended'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
    deadline?.addEventListener('abort', onDeadline);
  });
}

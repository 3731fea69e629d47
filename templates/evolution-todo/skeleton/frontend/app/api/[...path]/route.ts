/**
 * Every /api path but /api/health (a static route, which Next.js matches first)
 * goes to the backend at BACKEND_URL, read when the request arrives: see
 * lib/backend-proxy.ts for what is forwarded and what the client gets when the
 * backend cannot be reached.
 */
import { proxyToBackend } from '../../../lib/backend-proxy.ts';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return proxyToBackend(request, process.env.BACKEND_URL);
}

export function POST(request: Request): Promise<Response> {
  return proxyToBackend(request, process.env.BACKEND_URL);
}

export function PUT(request: Request): Promise<Response> {
  return proxyToBackend(request, process.env.BACKEND_URL);
}

export function PATCH(request: Request): Promise<Response> {
  return proxyToBackend(request, process.env.BACKEND_URL);
}

export function DELETE(request: Request): Promise<Response> {
  return proxyToBackend(request, process.env.BACKEND_URL);
}

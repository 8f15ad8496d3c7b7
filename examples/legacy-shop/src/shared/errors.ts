export class HttpError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly code?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  static notFound(what: string): HttpError {
    return new HttpError(404, `${what} not found`, 'not_found');
  }

  static badRequest(message: string): HttpError {
    return new HttpError(400, message, 'bad_request');
  }

  static forbidden(): HttpError {
    return new HttpError(403, 'Forbidden', 'forbidden');
  }
}

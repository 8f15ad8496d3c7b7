/**
 * Test code: files under a test folder (`test/`, `tests/`, `__tests__/`, `spec/`, `__mocks__/`, at any depth) or
 * named as tests (`*.test.ts`, `*.spec.js`, `*.e2e-spec.ts`, `*.e2e.ts`). Test code is analysed like any other
 * code — its coupling sites count, and the plan's ratchets see them — but it is not ranked among the hotspots,
 * does not count as a dependent of the modules it imports, declares no routes and holds no deployment state.
 */
export const TEST_FILE = /(^|\/)(test|tests|__tests__|__mocks__|spec|specs)\/|\.(test|spec|e2e-spec|e2e)\.[cm]?[jt]sx?$/;

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

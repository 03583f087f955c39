import { registerDealProgramFile } from './deals/program-file.js';

/**
 * What modules add to one another through hooks instead of imports, where an import would make a cycle: deal
 * registration's section of the program file (deals imports programs). Every entry point that runs the services
 * calls this once — the app, the command line's in-process backend; calling it again changes nothing.
 */
export function registerModuleHooks(): void {
  registerDealProgramFile();
}

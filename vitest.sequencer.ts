import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's order (failed first, then the longest last time, else the largest file), with the end-to-end files ahead
 * of the rest. The forks pool runs one project's files after another's, each waiting for the last file of the one
 * before, and the end-to-end project ends unevenly (one browser run outlasts the other files): first, that end
 * overlaps the tab's tests in the threads pool; in Vitest's order it often came last and ended the run alone.
 */
export default class EndToEndFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => (spec.project.name === 'bot-e2e' ? 0 : 1);
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/** `issue-log open [PATH]`: `list` of the open-like issues, in the same formats (cli/list.ts). */
export { open } from './list';

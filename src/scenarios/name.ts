/** The file, at the top of a folder, where the app keeps the folder's saved scenarios (the manifest reader skips it). */
export const SCENARIOS_FILE = 'kube-traffic.scenarios.yaml';

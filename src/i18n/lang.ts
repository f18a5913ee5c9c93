/** The languages the service speaks with workers. */
export type Lang = 'zh' | 'en';

/** HTTP headers as Node gives them (a webhook's, say): a name may repeat, so a value may be a list. */
export type HeaderBag = Record<string, string | string[] | undefined>;

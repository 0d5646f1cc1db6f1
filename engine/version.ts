/** Engine version recorded in every manifest; kept equal to package.json's (a test checks). */
export const ENGINE_VERSION = '0.1.0';

// NLP.js ships no types; the benchmark uses it untyped.
declare module '@nlpjs/core';
declare module '@nlpjs/nlp';
declare module '@nlpjs/lang-zh';
declare module '@nlpjs/lang-en-min';

// text-readability ships no types; these are the two functions the review uses.
declare module 'text-readability' {
  const readability: {
    /** Flesch reading ease: 0 (very hard) to about 100 (very easy). */
    fleschReadingEase(text: string): number;
    /** The US school grade a Flesch score corresponds to (reading age is about grade + 5). */
    fleschReadingEaseToGrade(score: number): number;
  };
  export default readability;
}

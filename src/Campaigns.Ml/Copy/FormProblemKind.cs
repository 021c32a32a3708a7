namespace Campaigns.Ml.Copy;

/// <summary>What is wrong with the form of a line, as <see cref="CopyForm"/> finds it.</summary>
public enum FormProblemKind
{
    /// <summary>A word neither the corpus nor the store's names write in that form ("offsitewIDe", "OnlY").</summary>
    MalformedWord,
    /// <summary>Doubled or misplaced marks, missing spaces, stray symbols, unbalanced brackets, a line not cased or ended as a sentence.</summary>
    Punctuation,
}

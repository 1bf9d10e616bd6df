namespace Vr.Standaarden.Begrippen.Internal;

/// <summary>A value type of the vocabulary that has one canonical text form.</summary>
internal interface ITextValue<TSelf>
    where TSelf : struct, ITextValue<TSelf>
{
    /// <summary>Reads <paramref name="text"/>; returns <c>null</c> and the value, or a precise message saying what is wrong.</summary>
    static abstract string? Check(string? text, out TSelf value);
}

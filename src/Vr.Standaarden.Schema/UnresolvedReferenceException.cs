namespace Vr.Standaarden.Schema;

/// <summary>
/// A reference (<c>$ref</c>, <c>$dynamicRef</c>, <c>$recursiveRef</c> or <c>$schema</c>) to a URI that is not in the
/// registry and not under one of its folder mappings. The engine never fetches a URI from the network.
/// </summary>
public sealed class UnresolvedReferenceException : JsonSchemaException
{
    /// <summary>Creates the exception.</summary>
    public UnresolvedReferenceException() { }

    /// <summary>Creates the exception with a message.</summary>
    public UnresolvedReferenceException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public UnresolvedReferenceException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The absolute URI that could not be resolved.</summary>
    public string? Reference { get; init; }
}

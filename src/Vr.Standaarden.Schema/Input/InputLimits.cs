namespace Vr.Standaarden.Schema.Input;

/// <summary>
/// How large and how deeply nested a document may be before it is refused unread. Every entry point that takes the
/// bytes of a message of the standard applies the same <see cref="Default"/> unless told otherwise.
/// </summary>
/// <param name="MaxBytes">The largest document, in bytes.</param>
/// <param name="MaxDepth">The deepest nesting of arrays and objects (the top-level value is depth 1).</param>
public sealed record InputLimits(long MaxBytes, int MaxDepth)
{
    /// <summary>The default largest message: 16 MiB, far above any message of the standard, which is kilobytes to a few megabytes with detailed geometry.</summary>
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    /// <summary>The default deepest nesting: 64. A message of the standard nests 10 levels at most (envelope, data, a geometry collection of multipolygons).</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The defaults: <see cref="DefaultMaxBytes"/> and <see cref="DefaultMaxDepth"/>.</summary>
    public static InputLimits Default { get; } = new(DefaultMaxBytes, DefaultMaxDepth);

    /// <summary>The largest document, in bytes; positive.</summary>
    public long MaxBytes { get; } = MaxBytes > 0 ? MaxBytes : throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, "MaxBytes must be positive.");

    /// <summary>The deepest nesting; positive.</summary>
    public int MaxDepth { get; } = MaxDepth > 0 ? MaxDepth : throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be positive.");
}

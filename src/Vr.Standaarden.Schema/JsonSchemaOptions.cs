namespace Vr.Standaarden.Schema;

/// <summary>
/// Options for building a <see cref="JsonSchema"/>. An instance may be shared; the schema copies what it needs
/// at build time, so changing the options afterwards does not change a schema already built.
/// </summary>
public sealed class JsonSchemaOptions
{
    /// <summary>The dialect used when a schema has no <c>$schema</c>. Default: <see cref="SchemaDialect.Draft202012"/>.</summary>
    public SchemaDialect DefaultDialect { get; set; } = SchemaDialect.Draft202012;

    /// <summary>
    /// When set, the dialect used for the root schema even when it declares another <c>$schema</c>.
    /// Default: <c>null</c> (take the dialect from <c>$schema</c>).
    /// </summary>
    public SchemaDialect? Dialect { get; set; }

    /// <summary>
    /// Whether <c>format</c> is an assertion (an unknown or malformed value fails) rather than an annotation.
    /// Default: <c>false</c>, as the 2019-09 and 2020-12 specifications prescribe. Unknown formats never fail.
    /// </summary>
    public bool AssertFormat { get; set; }

    /// <summary>The registry that resolves references to other schemas. Default: a new registry with the meta-schemas only.</summary>
    public SchemaRegistry? Registry { get; set; }

    /// <summary>
    /// Whether the schema is checked against its meta-schema while it is built; a schema that fails the check is
    /// rejected with an <see cref="InvalidSchemaException"/> listing the located errors. Default: <c>true</c>.
    /// </summary>
    public bool ValidateAgainstMetaSchema { get; set; } = true;

    /// <summary>Maximum nesting depth of a schema document and of an instance. Default: 256.</summary>
    public int MaxDepth { get; set; } = 256;

    /// <summary>Maximum size in bytes of a schema or instance document read from text, bytes or a file. Default: 64 MiB.</summary>
    public long MaxDocumentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Time limit for one match of a <c>pattern</c> or <c>patternProperties</c> expression that needs the
    /// backtracking regex engine (look-around or back-references). Every other pattern runs on .NET's
    /// non-backtracking engine, which is linear in the input and needs no limit. Default: 200 ms.
    /// </summary>
    public TimeSpan RegexMatchTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    internal JsonSchemaOptions Snapshot() => new()
    {
        DefaultDialect = DefaultDialect,
        Dialect = Dialect,
        AssertFormat = AssertFormat,
        Registry = Registry ?? new SchemaRegistry(),
        ValidateAgainstMetaSchema = ValidateAgainstMetaSchema,
        MaxDepth = MaxDepth > 0 ? MaxDepth : throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be positive."),
        MaxDocumentBytes = MaxDocumentBytes > 0 ? MaxDocumentBytes : throw new ArgumentOutOfRangeException(nameof(MaxDocumentBytes), MaxDocumentBytes, "MaxDocumentBytes must be positive."),
        RegexMatchTimeout = RegexMatchTimeout > TimeSpan.Zero ? RegexMatchTimeout : throw new ArgumentOutOfRangeException(nameof(RegexMatchTimeout), RegexMatchTimeout, "RegexMatchTimeout must be positive."),
    };
}

namespace Vr.Standaarden.Schema.Internal;

/// <summary>A draft plus the vocabularies in force for a schema resource.</summary>
internal sealed record Dialect(
    SchemaDialect Draft,
    bool Applicator = true,
    bool Unevaluated = true,
    bool Validation = true,
    bool FormatAssertion = false)
{
    public const string Draft7Uri = "http://json-schema.org/draft-07/schema";
    public const string Draft201909Uri = "https://json-schema.org/draft/2019-09/schema";
    public const string Draft202012Uri = "https://json-schema.org/draft/2020-12/schema";

    public static readonly Dialect Draft7 = new(SchemaDialect.Draft7);
    public static readonly Dialect Draft201909 = new(SchemaDialect.Draft201909);
    public static readonly Dialect Draft202012 = new(SchemaDialect.Draft202012);

    public bool IsDraft7 => Draft == SchemaDialect.Draft7;

    public bool Is202012 => Draft == SchemaDialect.Draft202012;

    public static Dialect For(SchemaDialect draft) => draft switch
    {
        SchemaDialect.Draft7 => Draft7,
        SchemaDialect.Draft201909 => Draft201909,
        _ => Draft202012,
    };

    public static string MetaSchemaUri(SchemaDialect draft) => draft switch
    {
        SchemaDialect.Draft7 => Draft7Uri + "#",
        SchemaDialect.Draft201909 => Draft201909Uri,
        _ => Draft202012Uri,
    };

    /// <summary>Recognises the meta-schema URIs of the three drafts (with or without an empty fragment, http or https).</summary>
    public static bool TryGetStandard(string uri, out SchemaDialect draft)
    {
        var normalized = uri.TrimEnd('#');
        if (normalized.StartsWith("http://", StringComparison.Ordinal))
        {
            normalized = "https://" + normalized[7..];
        }

        switch (normalized)
        {
            case "https://json-schema.org/draft-07/schema":
                draft = SchemaDialect.Draft7;
                return true;
            case "https://json-schema.org/draft/2019-09/schema":
                draft = SchemaDialect.Draft201909;
                return true;
            case "https://json-schema.org/draft/2020-12/schema":
                draft = SchemaDialect.Draft202012;
                return true;
            default:
                draft = default;
                return false;
        }
    }
}

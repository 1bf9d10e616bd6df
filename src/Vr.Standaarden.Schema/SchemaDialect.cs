namespace Vr.Standaarden.Schema;

/// <summary>The JSON Schema drafts this engine implements.</summary>
public enum SchemaDialect
{
    /// <summary>Draft-07 (<c>http://json-schema.org/draft-07/schema#</c>).</summary>
    Draft7,

    /// <summary>Draft 2019-09 (<c>https://json-schema.org/draft/2019-09/schema</c>).</summary>
    Draft201909,

    /// <summary>Draft 2020-12 (<c>https://json-schema.org/draft/2020-12/schema</c>), the default.</summary>
    Draft202012,
}

namespace Vr.Standaarden.Generator.Engine;

/// <summary>
/// The generator's diagnostics, each declared here once: its id, title and whether it is an error. The package reports
/// them through Roslyn (<c>DiagnosticDescriptors</c>, held to <c>AnalyzerReleases.Shipped.md</c>/<c>Unshipped.md</c> by
/// release tracking), <c>vr generate</c> on standard error.
/// </summary>
internal static class Diagnostics
{
    /// <summary><c>VR1001</c>: a keyword the generated code does not check.</summary>
    public static class UnsupportedKeyword
    {
        public const string Id = "VR1001";
        public const string Title = "Schema keyword not compiled";
        public const bool IsError = false;
    }

    /// <summary><c>VR1002</c>: a <c>$ref</c> that points at no schema among the schema files.</summary>
    public static class UnresolvedReference
    {
        public const string Id = "VR1002";
        public const string Title = "Unresolved $ref";
        public const bool IsError = true;
    }

    /// <summary><c>VR1003</c>: a schema file that is not valid JSON.</summary>
    public static class InvalidJson
    {
        public const string Id = "VR1003";
        public const string Title = "Schema file is not JSON";
        public const bool IsError = true;
    }

    /// <summary><c>VR1004</c>: a file with <c>$schema</c> whose root is not an object.</summary>
    public static class NoSchema
    {
        public const string Id = "VR1004";
        public const string Title = "Not a schema";
        public const bool IsError = false;
    }

    /// <summary><c>VR1005</c>: two schema files whose titles give the same type name.</summary>
    public static class SameTitle
    {
        public const string Id = "VR1005";
        public const string Title = "Two schemas with the same type name";
        public const bool IsError = false;
    }

    /// <summary><c>VR1006</c>: a schema that refers to the standard in a project without Vr.Standaarden.Model.</summary>
    public static class MissingModel
    {
        public const string Id = "VR1006";
        public const string Title = "The standard's types need Vr.Standaarden.Model";
        public const bool IsError = true;
    }

    /// <summary><c>VR1007</c>: a keyword whose value breaks the meta-schema.</summary>
    public static class InvalidSchema
    {
        public const string Id = "VR1007";
        public const string Title = "Schema invalid against its meta-schema";
        public const bool IsError = true;
    }

    /// <summary><c>VR1008</c>: a member that is no keyword but looks like a misspelt one.</summary>
    public static class MisspeltKeyword
    {
        public const string Id = "VR1008";
        public const string Title = "Unknown keyword like a known one";
        public const bool IsError = false;
    }

    /// <summary>Whether diagnostic <paramref name="id"/> is an error (the others are warnings).</summary>
    public static bool IsError(string id) => id switch
    {
        UnsupportedKeyword.Id => UnsupportedKeyword.IsError,
        UnresolvedReference.Id => UnresolvedReference.IsError,
        InvalidJson.Id => InvalidJson.IsError,
        NoSchema.Id => NoSchema.IsError,
        SameTitle.Id => SameTitle.IsError,
        MissingModel.Id => MissingModel.IsError,
        InvalidSchema.Id => InvalidSchema.IsError,
        MisspeltKeyword.Id => MisspeltKeyword.IsError,
        _ => false,
    };
}

using Vr.Standaarden.Cli.Spec;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Spec.Tests;

/// <summary>The release under test (the newest; released folders are frozen by their digest), its worked extension example, and schemas built from them offline.</summary>
internal static class SpecFolders
{
    public const string BaseUri = "https://vr-standaarden.github.io/spec/";
    public static readonly string ReleaseName = Vr.Standaarden.Spec.Standard.Newest.Name;
    public static readonly string ReleaseUri = BaseUri + ReleaseName + "/";
    public const string ExtensionUri = "https://vrhaaglanden.example/vr-standaarden/bereikbaarheid/1.0/";

    public static string Release { get; } = Path.Combine(ConformanceSuites.RepositoryRoot, "spec", ReleaseName);

    public static string Extension { get; } = Path.Combine(Release, "uitbreidingen", "bereikbaarheid");

    public static SpecRelease LoadedRelease { get; } = SpecRelease.Load(Release);

    public static SpecRelease LoadedExtension { get; } = SpecRelease.Load(Extension);

    /// <summary>Every JSON Schema file of the release and the extension example, relative to the release folder.</summary>
    public static IEnumerable<string> AllSchemaFiles() =>
        new[] { LoadedRelease, LoadedExtension }
            .SelectMany(r => r.Schemas.Concat(r.CodeLists).Concat(r.MetaSchemas))
            .Select(d => Relative(d.Path));

    public static string Relative(string path) => Path.GetRelativePath(Release, path).Replace('\\', '/');

    public static string Full(string relative) => Path.Combine(Release, relative);

    /// <summary>Builds a schema file with the release and the extension resolvable by their $id, formats asserted.</summary>
    public static JsonSchema Build(string path)
    {
        var registry = new SchemaRegistry();
        registry.MapPrefix(ReleaseUri, Release);
        registry.MapPrefix(ExtensionUri, Extension);
        return JsonSchema.FromFile(path, new JsonSchemaOptions { AssertFormat = true, Registry = registry });
    }
}

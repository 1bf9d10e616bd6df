using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Vr.Standaarden.Generator.Tests;

/// <summary>Runs the generator in-process over schema texts, compiles its output, and loads the result.</summary>
internal static class Harness
{
    public static readonly string SchemaFolder = Path.Combine(AppContext.BaseDirectory, "Schemas");

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(Vr.Standaarden.Schema.Compiled.SchemaViolation).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(NetTopologySuite.Geometries.Geometry).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(NetTopologySuite.IO.Converters.GeoJsonConverterFactory).Assembly.Location),
    ];

    public sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values([]);

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }

    public static CSharpCompilation Compilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create("Consumer", trees, References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, string ns = "Regio.Opvang") =>
        CSharpGeneratorDriver.Create(
            [new SchemaGenerator().AsSourceGenerator()],
            [.. files],
            CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = ns }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static IEnumerable<AdditionalText> Files(params string[] names) =>
        names.Select(n => new InMemoryText("/project/schemas/" + n, File.ReadAllText(Path.Combine(SchemaFolder, n))));

    /// <summary>Runs the generator, compiles everything, and returns the run result, the compilation diagnostics and the loaded assembly.</summary>
    public static (GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> Compile, Assembly? Assembly) Generate(IEnumerable<AdditionalText> files, string ns = "Regio.Opvang")
    {
        var driver = Driver(files, ns).RunGeneratorsAndUpdateCompilation(Compilation(), out var output, out _);
        var result = driver.GetRunResult();
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        if (!emit.Success)
        {
            return (result, emit.Diagnostics, null);
        }

        var context = new AssemblyLoadContext(null, isCollectible: true);
        return (result, emit.Diagnostics, context.LoadFromStream(new MemoryStream(stream.ToArray())));
    }
}

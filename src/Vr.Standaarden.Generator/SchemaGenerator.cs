using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Vr.Standaarden.Generator.Engine;

namespace Vr.Standaarden.Generator;

/// <summary>
/// Generates C# from the JSON Schema files given as <c>AdditionalFiles</c> (<c>*.json</c> with a <c>$schema</c>): one
/// output per file, from that file's text and the small export records of all files (so an edit to one schema's
/// descriptions regenerates only that schema).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SchemaGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for tests of caching.</summary>
    public static class Steps
    {
        /// <summary>The schema files read from the additional files.</summary>
        public const string Sources = "VrSchemaSources";

        /// <summary>The export records of each file.</summary>
        public const string Exports = "VrSchemaExports";

        /// <summary>The generated file of each schema.</summary>
        public const string Generated = "VrGeneratedSchema";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var ns = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property.VrStandaardenNamespace", out var configured) && !string.IsNullOrWhiteSpace(configured)
                ? configured.Trim()
                : options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root) ? root.Trim() : "Generated");

        var sources = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (file, token) => file.GetText(token) is { } text ? new SchemaSource(file.Path.Replace('\\', '/'), text.ToString()) : null)
            .Where(static source => source is not null && IsSchema(source.Text))
            .Select(static (source, _) => source!)
            .Collect()
            .SelectMany(static (all, _) => NewestOfEachLine(all))
            .WithTrackingName(Steps.Sources);

        var catalog = sources
            .Combine(ns)
            .Select(static (pair, _) => SchemaCompiler.Export(pair.Left, pair.Right))
            .WithTrackingName(Steps.Exports)
            .Collect()
            .Select(static (exports, _) => EmbeddedSpec.With(exports));

        var generated = sources
            .Combine(catalog.Combine(ns))
            .Select(static (input, token) =>
            {
                token.ThrowIfCancellationRequested();
                return SchemaCompiler.Compile(input.Left, input.Right.Left, input.Right.Right, token);
            })
            .WithTrackingName(Steps.Generated);

        // Code that uses the standard's types compiles only with the Model package: without it, one diagnostic that
        // names the package instead of a compiler error for every use of a missing type.
        var hasModel = context.CompilationProvider.Select(static (compilation, _) =>
            compilation.AssemblyName == EmbeddedSpec.ModelNamespace || compilation.ReferencedAssemblyNames.Any(a => a.Name == EmbeddedSpec.ModelNamespace));

        context.RegisterSourceOutput(generated.Combine(hasModel), static (spc, input) =>
        {
            var (file, model) = input;
            if (!model && file.StandardReference is { } reference)
            {
                Report(spc, reference);
                return;
            }

            if (file.Source.Length > 0)
            {
                spc.AddSource(file.HintName, SourceText.From(file.Source, Encoding.UTF8));
            }
        });

        // Diagnostics travel as data and are reported from their own node.
        context.RegisterSourceOutput(generated.Select(static (file, _) => file.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var d in diagnostics)
            {
                Report(spc, d);
            }
        });
    }

    private static void Report(SourceProductionContext spc, DiagnosticInfo d)
    {
        var descriptor = DiagnosticDescriptors.All.First(x => x.Id == d.Id);
        var position = new LinePosition(System.Math.Max(0, d.Line - 1), System.Math.Max(0, d.Column - 1));
        var location = Location.Create(d.Path, default, new LinePositionSpan(position, position));
        spc.ReportDiagnostic(Diagnostic.Create(descriptor, location, d.Message));
    }

    // Of the standard's own schemas, only the newest release of each major line is generated: its types read every
    // release of the line (a minor release keeps what was valid valid). Other schemas are all kept.
    private static System.Collections.Generic.IEnumerable<SchemaSource> NewestOfEachLine(System.Collections.Immutable.ImmutableArray<SchemaSource> all)
    {
        var releases = all.Select(source => (Source: source, Release: EmbeddedSpec.ReleaseOf(IdOf(source.Text)))).ToArray();
        var newest = releases.Where(r => r.Release is not null)
            .GroupBy(r => r.Release!.Value.Major)
            .ToDictionary(g => g.Key, g => g.Max(r => r.Release!.Value));
        return releases.Where(r => r.Release is not { } release || release.Equals(newest[release.Major])).Select(r => r.Source);
    }

    private static string? IdOf(string text)
    {
        try
        {
            var root = Engine.JsonNode.Parse(text);
            return root.IsObject ? root.String("$id") : null;
        }
        catch (Engine.JsonSyntaxException)
        {
            return null;
        }
    }

    // A JSON file is a schema when it declares $schema near its start; other JSON (examples, settings) is left alone.
    private static bool IsSchema(string text)
    {
        var head = text.Length > 2000 ? text.Substring(0, 2000) : text;
        return head.Contains("\"$schema\"");
    }
}

using System.CommandLine;
using System.Text;
using Vr.Standaarden.Generator.Engine;
using Vr.Standaarden.Schema.Input;

namespace Vr.Standaarden.Cli.Commands;

/// <summary>
/// <c>vr generate &lt;schema-files&gt; -o &lt;folder&gt; --namespace &lt;N&gt;</c>: writes the C# that Vr.Standaarden.Generator makes
/// from the same files, byte for byte, for teams that commit generated code.
/// </summary>
internal static class GenerateCommand
{
    private const int Ok = 0, HasErrors = 1;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("schema-files")
        {
            Description = "The schema files (and the code lists they refer to); all $ref targets must be among them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--output", "-o") { Description = "The folder for the .g.cs files.", Required = true };
        var ns = new Option<string>("--namespace") { Description = "The namespace of the generated types.", Required = true };
        var command = new Command("generate", "Generate C# types, UTF-8 readers and writers and validators from JSON Schema files, exactly as the Vr.Standaarden.Generator package does. Exit code 0: written; 1: a schema has errors (diagnostics on stderr); 2: usage error.")
        {
            files, output, ns,
        };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(output)!, parse.GetValue(ns)!, stdout, stderr));
        return command;
    }

    private static int Run(string[] files, string outputFolder, string ns, TextWriter stdout, TextWriter stderr)
    {
        var sources = new List<SchemaSource>();
        var errors = 0;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                stderr.WriteLine($"vr generate: the file '{file}' does not exist.");
                return Program.UsageError;
            }

            // A file in another encoding would otherwise be read with replacement characters and compiled as if valid.
            var bytes = File.ReadAllBytes(file);
            if ((JsonInput.CheckSize(bytes.Length, InputLimits.DefaultMaxBytes) ?? JsonInput.CheckEncoding(bytes)) is { } problem)
            {
                stderr.WriteLine($"{Path.GetFullPath(file).Replace('\\', '/')}({Math.Max(problem.Line, 1)},{Math.Max(problem.Column, 1)}): error {Diagnostics.InvalidJson.Id}: {problem.Text.English}");
                errors++;
                continue;
            }

            // The generator sees paths with '/' separators and text as the compiler reads it.
            var text = Encoding.UTF8.GetString(JsonInput.SkipByteOrderMark(bytes));
            sources.Add(new SchemaSource(Path.GetFullPath(file).Replace('\\', '/'), text));
        }

        // Only files with $schema are schemas, as in the generator; the catalog is ordered by path, as there.
        sources = sources.Where(s => s.Text.Length > 0 && s.Text.Substring(0, Math.Min(2000, s.Text.Length)).Contains("\"$schema\"", StringComparison.Ordinal)).ToList();
        var catalog = EmbeddedSpec.With(sources.Select(s => SchemaCompiler.Export(s, ns)));
        var outputs = new List<(string Name, string Source)>();
        foreach (var source in sources)
        {
            var generated = SchemaCompiler.Compile(source, catalog, ns);
            foreach (var d in generated.Diagnostics)
            {
                var severity = Diagnostics.IsError(d.Id) ? "error" : "warning";
                errors += severity == "error" ? 1 : 0;
                stderr.WriteLine($"{d.Path}({d.Line},{d.Column}): {severity} {d.Id}: {d.Message}");
            }

            if (generated.Source.Length > 0)
            {
                outputs.Add((generated.HintName, generated.Source));
            }
        }

        // All or nothing: a run with errors leaves the output folder as it was.
        if (errors > 0)
        {
            stderr.WriteLine($"vr generate: {errors} error(s); nothing written.");
            return HasErrors;
        }

        Directory.CreateDirectory(outputFolder);
        foreach (var (name, source) in outputs)
        {
            File.WriteAllText(Path.Combine(outputFolder, name), source, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }

        stdout.WriteLine($"vr generate: {sources.Count} schemas, files in {outputFolder}.");
        return Ok;
    }
}

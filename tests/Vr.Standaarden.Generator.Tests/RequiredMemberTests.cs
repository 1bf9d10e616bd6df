using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Vr.Standaarden.Generator.Tests;

/// <summary>Generated classes cannot be built wrong by accident: their required members are C# <c>required</c>.</summary>
public sealed class RequiredMemberTests
{
    private static ImmutableArray<Diagnostic> CompileWith(string code)
    {
        var consumer = CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest));
        Harness.Driver(Harness.Files("opvanglocatie.schema.json", "status.json")).RunGeneratorsAndUpdateCompilation(Harness.Compilation(consumer), out var output, out _);
        return output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
    }

    [Fact]
    public void Leaving_out_a_required_member_does_not_compile()
    {
        var errors = CompileWith("""
            namespace Consumer;
            public static class Uses
            {
                public static object Make() => new Regio.Opvang.Opvanglocatie { Id = "X" };
            }
            """);

        // CS9035: required member must be set in the object initializer; one error per member left out.
        Assert.Equal(["Geopend", "Naam", "Status"], errors.Where(e => e.Id == "CS9035").Select(e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1].Split('.')[^1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Setting_every_required_member_compiles()
    {
        var errors = CompileWith("""
            namespace Consumer;
            public static class Uses
            {
                public static object Make() => new Regio.Opvang.Opvanglocatie
                {
                    Id = System.Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), Naam = "Sporthal", Status = Regio.Opvang.Status.Open,
                    Geopend = new System.DateTimeOffset(2026, 11, 20, 22, 0, 0, System.TimeSpan.FromHours(1)),
                };
            }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void A_value_read_without_its_required_members_does_not_invent_them()
    {
        var (_, _, assembly) = Harness.Generate(Harness.Files("opvanglocatie.schema.json", "status.json"));
        var type = assembly!.GetType("Regio.Opvang.Opvanglocatie")!;
        var read = type.GetMethod("Read", [typeof(ReadOnlySpan<byte>), typeof(List<Vr.Standaarden.Schema.Compiled.SchemaViolation>)])!;
        var errors = new List<Vr.Standaarden.Schema.Compiled.SchemaViolation>();
        var value = read.CreateDelegate<ReadDelegate>()("""{"naam":"Sporthal"}"""u8, errors)!;

        var written = Encoding.UTF8.GetString((byte[])type.GetMethod("ToUtf8Json")!.Invoke(value, null)!);

        Assert.Contains(errors, e => e.Keyword == "required");
        // Neither an empty Guid for the id nor 0001-01-01 for the opening time: what was not read is not written.
        Assert.DoesNotContain("\"id\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"geopend\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("0001-01-01", written, StringComparison.Ordinal);
        Assert.StartsWith("{\"naam\":\"Sporthal\"", written, StringComparison.Ordinal);
    }

    private delegate object? ReadDelegate(ReadOnlySpan<byte> json, List<Vr.Standaarden.Schema.Compiled.SchemaViolation> errors);
}

using Vr.Standaarden.Testing;

namespace Vr.Standaarden.Interop.Tests;

internal static class Fixtures
{
    public static string Folder(string kind) => Path.Combine(ConformanceSuites.RepositoryRoot, "tests", "fixtures", "interop", kind);

    public static byte[] Cap(string name) => File.ReadAllBytes(Path.Combine(Folder("cap"), name));

    public static IEnumerable<string> CapFiles => Directory.GetFiles(Folder("cap"), "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;
}

using System.Xml;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Vr.Standaarden.Interop.Cap;

namespace Vr.Standaarden.Benchmarks.Interop;

/// <summary>
/// CAP against its floor in one run: <see cref="CapReader.Read(ReadOnlyMemory{byte}, CapReaderOptions?)"/> (into the
/// typed model, layout kept) and <see cref="CapWriter.Write(CapAlert)"/> against an <see cref="XmlReader"/> that reads
/// the same bytes to the end with the reader's settings (DTDs refused, size bounded); an XmlReader → XmlWriter copy
/// beside them.
/// The alert is the two-language KNMI-style fixture (3.9 KB).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CapBenchmarks
{
    // The reader's own settings: DTDs refused, the document bounded to 4 MiB, comments and processing instructions skipped.
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 4 * 1024 * 1024,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };
    private byte[] _xml = [];
    private CapAlert _alert = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Vr.Standaarden.sln")))
        {
            folder = folder.Parent;
        }

        _xml = File.ReadAllBytes(Path.Combine(folder!.FullName, "tests", "fixtures", "interop", "cap", "knmi-storm-oranje.xml"));
        _alert = CapReader.Read(_xml);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("cap")]
    public int XmlReaderReadToEnd()
    {
        using var reader = XmlReader.Create(new MemoryStream(_xml, writable: false), Settings);
        var nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    [Benchmark, BenchmarkCategory("cap")]
    public CapAlert Read() => CapReader.Read(_xml);

    [Benchmark, BenchmarkCategory("cap")]
    public byte[] Write() => CapWriter.Write(_alert);

    [Benchmark, BenchmarkCategory("cap")]
    public long XmlReaderToXmlWriterCopy()
    {
        using var reader = XmlReader.Create(new MemoryStream(_xml, writable: false), Settings);
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            writer.WriteNode(reader, true);
        }

        return output.Length;
    }
}

using System.Text;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>Writes indented C# with '\n' line ends, so output is the same on every platform.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public CodeWriter Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>Appends the lines of <paramref name="other"/>, indented at the current level.</summary>
    public void Append(CodeWriter other) => AppendText(other._text.ToString());

    /// <summary>Appends lines of text, indented at the current level.</summary>
    public void AppendText(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            Line(text.Substring(start, end - start));
            start = end + 1;
        }
    }

    public override string ToString() => _text.ToString();
}

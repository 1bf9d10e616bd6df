using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Vr.Standaarden.Generator.Engine;

/// <summary>The kind of a <see cref="JsonNode"/>.</summary>
internal enum JsonKind
{
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// A JSON value with the line and column it starts at, so diagnostics can point into the schema file. The generator
/// reads schemas itself: a dependency on System.Text.Json inside the compiler process is a version conflict waiting to happen.
/// </summary>
internal sealed class JsonNode
{
    private JsonNode(JsonKind kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public JsonKind Kind { get; }

    /// <summary>1-based line of the first character.</summary>
    public int Line { get; }

    /// <summary>1-based column of the first character.</summary>
    public int Column { get; }

    /// <summary>The text of a string, or the literal text of a number.</summary>
    public string Text { get; private set; } = "";

    /// <summary>The members of an object, in document order.</summary>
    public List<KeyValuePair<string, JsonNode>> Members { get; } = new();

    /// <summary>The items of an array.</summary>
    public List<JsonNode> Items { get; } = new();

    public bool IsObject => Kind == JsonKind.Object;

    public JsonNode? this[string name]
    {
        get
        {
            foreach (var member in Members)
            {
                if (member.Key == name)
                {
                    return member.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The string value of member <paramref name="name"/>, or <c>null</c>.</summary>
    public string? String(string name) => this[name] is { Kind: JsonKind.String } value ? value.Text : null;

    /// <summary>The number as a double (the literal text stays in <see cref="Text"/>).</summary>
    public double Number => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="JsonSyntaxException"/> with line and column.</summary>
    public static JsonNode Parse(string text)
    {
        var parser = new Parser(text);
        var value = parser.Value(0);
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private sealed class Parser(string text)
    {
        private const int MaxDepth = 128;
        private int _position, _line = 1, _lineStart;

        public bool AtEnd => _position >= text.Length;

        public JsonSyntaxException Error(string message) => new(message, _line, _position - _lineStart + 1);

        public void SkipWhitespace()
        {
            while (!AtEnd)
            {
                var c = text[_position];
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _position + 1;
                }
                else if (c != ' ' && c != '\t' && c != '\r' && c != '\uFEFF')
                {
                    return;
                }

                _position++;
            }
        }

        public JsonNode Value(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error($"nesting deeper than {MaxDepth}");
            }

            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("unexpected end of the text");
            }

            var node = new JsonNode(Peek() switch
            {
                '{' => JsonKind.Object,
                '[' => JsonKind.Array,
                '"' => JsonKind.String,
                't' => JsonKind.True,
                'f' => JsonKind.False,
                'n' => JsonKind.Null,
                _ => JsonKind.Number,
            }, _line, _position - _lineStart + 1);
            switch (node.Kind)
            {
                case JsonKind.Object:
                    _position++;
                    SkipWhitespace();
                    if (Peek() == '}')
                    {
                        _position++;
                        return node;
                    }

                    while (true)
                    {
                        SkipWhitespace();
                        if (Peek() != '"')
                        {
                            throw Error("expected a property name in double quotes");
                        }

                        var name = String();
                        SkipWhitespace();
                        Expect(':');
                        node.Members.Add(new KeyValuePair<string, JsonNode>(name, Value(depth + 1)));
                        SkipWhitespace();
                        if (Peek() == ',')
                        {
                            _position++;
                            continue;
                        }

                        Expect('}');
                        return node;
                    }

                case JsonKind.Array:
                    _position++;
                    SkipWhitespace();
                    if (Peek() == ']')
                    {
                        _position++;
                        return node;
                    }

                    while (true)
                    {
                        node.Items.Add(Value(depth + 1));
                        SkipWhitespace();
                        if (Peek() == ',')
                        {
                            _position++;
                            continue;
                        }

                        Expect(']');
                        return node;
                    }

                case JsonKind.String:
                    node.Text = String();
                    return node;
                case JsonKind.True:
                    Literal("true");
                    return node;
                case JsonKind.False:
                    Literal("false");
                    return node;
                case JsonKind.Null:
                    Literal("null");
                    return node;
                default:
                    node.Text = NumberText();
                    return node;
            }
        }

        private char Peek() => AtEnd ? '\0' : text[_position];

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error($"expected '{c}'");
            }

            _position++;
        }

        private void Literal(string literal)
        {
            if (string.CompareOrdinal(text, _position, literal, 0, literal.Length) != 0)
            {
                throw Error($"expected '{literal}'");
            }

            _position += literal.Length;
        }

        private string NumberText()
        {
            var start = _position;
            while (!AtEnd && "+-0123456789.eE".IndexOf(text[_position]) >= 0)
            {
                _position++;
            }

            var literal = text.Substring(start, _position - start);
            if (literal.Length == 0 || !double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                _position = start;
                throw Error("expected a JSON value");
            }

            return literal;
        }

        private string String()
        {
            _position++;
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("unterminated string");
                }

                var c = text[_position++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c < ' ')
                {
                    throw Error("control character in a string");
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var escape = Peek();
                _position++;
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > text.Length || !int.TryParse(text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("invalid \\u escape");
                        }

                        builder.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw Error($"invalid escape '\\{escape}'");
                }
            }
        }
    }
}

/// <summary>A schema file that is not JSON, with the place it breaks.</summary>
internal sealed class JsonSyntaxException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

using System.Text;

namespace Kiosk.Mqtt;

/// <summary>Topic name and topic filter rules of MQTT 3.1.1 section 4.7.</summary>
public static class MqttTopic
{
    public const int MaxLength = 65535;

    /// <summary>A topic a message is published to: non-empty, no wildcards, no U+0000, at most 65535 UTF-8 bytes.</summary>
    public static bool IsValidTopicName(string topic) =>
        IsValidString(topic) && topic.AsSpan().IndexOfAny('+', '#') < 0;

    /// <summary>A subscription filter: '#' only as the whole last level, '+' only as a whole level.</summary>
    public static bool IsValidTopicFilter(string filter)
    {
        if (!IsValidString(filter))
        {
            return false;
        }

        var levelStart = 0;
        for (var i = 0; i <= filter.Length; i++)
        {
            if (i < filter.Length && filter[i] != '/')
            {
                continue;
            }

            var level = filter.AsSpan(levelStart, i - levelStart);
            if (level.Contains('#') && (level.Length != 1 || i != filter.Length))
            {
                return false;
            }

            if (level.Contains('+') && level.Length != 1)
            {
                return false;
            }

            levelStart = i + 1;
        }

        return true;
    }

    public static void ValidateTopicName(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!IsValidTopicName(topic))
        {
            throw new ArgumentException($"'{topic}' is not a valid MQTT topic name (empty, wildcard, U+0000 or too long).", nameof(topic));
        }
    }

    public static void ValidateTopicFilter(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!IsValidTopicFilter(filter))
        {
            throw new ArgumentException($"'{filter}' is not a valid MQTT topic filter ('#' must be the whole last level, '+' a whole level).", nameof(filter));
        }
    }

    /// <summary>Does a topic name match a filter (used to route messages to subscriptions in tests and tools)?</summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        var f = filter.Split('/');
        var t = topic.Split('/');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                // '$' topics are not matched by a leading wildcard (section 4.7.2).
                return !(i == 0 && topic.StartsWith('$'));
            }

            if (i >= t.Length)
            {
                return false;
            }

            if (f[i] == "+")
            {
                if (i == 0 && topic.StartsWith('$'))
                {
                    return false;
                }

                continue;
            }

            if (!string.Equals(f[i], t[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return f.Length == t.Length;
    }

    private static bool IsValidString(string value) =>
        value.Length > 0 && !value.Contains('\0', StringComparison.Ordinal) && Encoding.UTF8.GetByteCount(value) <= MaxLength && !HasLoneSurrogate(value);

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}

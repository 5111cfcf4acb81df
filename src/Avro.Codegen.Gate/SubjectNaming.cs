using System;

namespace Avro.Codegen.Gate;

/// <summary>Confluent's subject name strategies.</summary>
public enum SubjectNameStrategy
{
    /// <summary><c>&lt;topic&gt;-value</c> or <c>&lt;topic&gt;-key</c> (Confluent's default).</summary>
    TopicName,
    /// <summary>The record's full name.</summary>
    RecordName,
    /// <summary><c>&lt;topic&gt;-&lt;record full name&gt;</c>.</summary>
    TopicRecordName,
}

/// <summary>Derives a schema's registry subject from its settings, as Confluent's serializers do.</summary>
public static class SubjectNaming
{
    /// <summary>Parses a strategy name: <c>TopicName</c>, <c>RecordName</c>, <c>TopicRecordName</c> (case-insensitive;
    /// Confluent's class names such as <c>io.confluent.kafka.serializers.subject.RecordNameStrategy</c> are accepted too).</summary>
    public static bool TryParse(string? text, out SubjectNameStrategy strategy)
    {
        strategy = SubjectNameStrategy.TopicName;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var name = text!.Trim();
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            name = name.Substring(dot + 1);
        }

        if (name.EndsWith("Strategy", StringComparison.OrdinalIgnoreCase))
        {
            name = name.Substring(0, name.Length - "Strategy".Length);
        }

        switch (name.ToLowerInvariant())
        {
            case "topicname" or "topic":
                strategy = SubjectNameStrategy.TopicName;
                return true;
            case "recordname" or "record":
                strategy = SubjectNameStrategy.RecordName;
                return true;
            case "topicrecordname" or "topicrecord":
                strategy = SubjectNameStrategy.TopicRecordName;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The subject for a schema, or <see langword="null"/> with <paramref name="reason"/> when it cannot be derived.
    /// An explicit <paramref name="subject"/> wins over the strategy.
    /// </summary>
    /// <param name="subject">The item's <c>Subject</c> metadata.</param>
    /// <param name="topic">The item's <c>Topic</c> metadata.</param>
    /// <param name="isKey">True for a key schema (<c>-key</c> suffix under TopicName).</param>
    /// <param name="strategy">The strategy.</param>
    /// <param name="recordFullName">The full name of the file's top-level named type, or <see langword="null"/>.</param>
    /// <param name="reason">Why no subject could be derived; <see langword="null"/> when the schema simply has no topic (not an error).</param>
    public static string? Resolve(string? subject, string? topic, bool isKey, SubjectNameStrategy strategy, string? recordFullName, out string? reason)
    {
        reason = null;
        if (!string.IsNullOrWhiteSpace(subject))
        {
            return subject!.Trim();
        }

        var hasTopic = !string.IsNullOrWhiteSpace(topic);
        switch (strategy)
        {
            case SubjectNameStrategy.TopicName:
                return hasTopic ? topic!.Trim() + (isKey ? "-key" : "-value") : null;
            case SubjectNameStrategy.RecordName:
                if (recordFullName is null)
                {
                    reason = "the RecordName strategy needs a named type (record, enum or fixed) at the top of the schema";
                }

                return recordFullName;
            default:
                if (!hasTopic)
                {
                    return null;
                }

                if (recordFullName is null)
                {
                    reason = "the TopicRecordName strategy needs a named type (record, enum or fixed) at the top of the schema";
                    return null;
                }

                return topic!.Trim() + "-" + recordFullName;
        }
    }
}

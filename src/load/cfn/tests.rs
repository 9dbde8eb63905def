//! The reader and evaluator on small templates, bad input, and real templates.

use super::eval::{Evaluator, Reference};
use super::*;
use crate::model::Value;
use std::path::Path;

fn parse_ok(text: &str) -> Template {
    match parse(Path::new("t.yaml"), text) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    }
}

fn parse_err(text: &str) -> String {
    match parse(Path::new("t.yaml"), text) {
        Ok(t) => panic!("parsed: {t:?}"),
        Err(e) => e.to_string(),
    }
}

fn s(text: &str) -> CfnValue {
    CfnValue::String(text.to_string())
}

fn call(name: &str, arg: CfnValue) -> CfnValue {
    CfnValue::Intrinsic {
        name: name.to_string(),
        arg: Box::new(arg),
    }
}

fn list(items: Vec<CfnValue>) -> CfnValue {
    CfnValue::List(items)
}

/// The property `P` of resource `R` in a template with only that resource.
fn prop(value_yaml: &str) -> CfnValue {
    let t = parse_ok(&format!(
        "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: {value_yaml}\n"
    ));
    t.resources[0]
        .property("P")
        .cloned()
        .unwrap_or(CfnValue::Null)
}

#[test]
fn every_short_form_tag_is_its_long_form() {
    let cases: Vec<(&str, CfnValue)> = vec![
        ("!Ref Name", call("Ref", s("Name"))),
        ("!Condition IsProd", call("Condition", s("IsProd"))),
        (
            "!GetAtt Key.Arn",
            call("Fn::GetAtt", list(vec![s("Key"), s("Arn")])),
        ),
        (
            "!GetAtt Db.Endpoint.Address",
            call("Fn::GetAtt", list(vec![s("Db"), s("Endpoint.Address")])),
        ),
        (
            "!GetAtt [Key, Arn]",
            call("Fn::GetAtt", list(vec![s("Key"), s("Arn")])),
        ),
        (
            "!Sub 'a-${AWS::Region}'",
            call("Fn::Sub", s("a-${AWS::Region}")),
        ),
        (
            "!Sub ['${X}', {X: !Ref Y}]",
            call(
                "Fn::Sub",
                list(vec![
                    s("${X}"),
                    CfnValue::Map([("X".to_string(), call("Ref", s("Y")))].into()),
                ]),
            ),
        ),
        (
            "!Join ['-', [a, b]]",
            call("Fn::Join", list(vec![s("-"), list(vec![s("a"), s("b")])])),
        ),
        (
            "!Select [0, !GetAZs '']",
            call(
                "Fn::Select",
                list(vec![CfnValue::Number(0.0), call("Fn::GetAZs", s(""))]),
            ),
        ),
        (
            "!Split [',', 'a,b']",
            call("Fn::Split", list(vec![s(","), s("a,b")])),
        ),
        (
            "!If [C, a, b]",
            call("Fn::If", list(vec![s("C"), s("a"), s("b")])),
        ),
        (
            "!Equals [a, b]",
            call("Fn::Equals", list(vec![s("a"), s("b")])),
        ),
        (
            "!And [!Condition A, !Condition B]",
            call(
                "Fn::And",
                list(vec![call("Condition", s("A")), call("Condition", s("B"))]),
            ),
        ),
        (
            "!Or [!Condition A, !Condition B]",
            call(
                "Fn::Or",
                list(vec![call("Condition", s("A")), call("Condition", s("B"))]),
            ),
        ),
        (
            "!Not [!Condition A]",
            call("Fn::Not", list(vec![call("Condition", s("A"))])),
        ),
        (
            "!FindInMap [M, a, b]",
            call("Fn::FindInMap", list(vec![s("M"), s("a"), s("b")])),
        ),
        ("!ImportValue Shared", call("Fn::ImportValue", s("Shared"))),
        ("!Base64 text", call("Fn::Base64", s("text"))),
        (
            "!Cidr [10.0.0.0/16, 4, 8]",
            call(
                "Fn::Cidr",
                list(vec![
                    s("10.0.0.0/16"),
                    CfnValue::Number(4.0),
                    CfnValue::Number(8.0),
                ]),
            ),
        ),
        ("!GetAZs us-east-1", call("Fn::GetAZs", s("us-east-1"))),
    ];
    for (yaml, expected) in cases {
        assert_eq!(prop(yaml), expected, "{yaml}");
    }
}

#[test]
fn json_long_forms_are_the_same_intrinsics() {
    let yaml = "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: !GetAtt K.Arn\n      B: !Ref P\n      C: !Sub 'x-${AWS::Region}'\n      D: !If [C, !Ref AWS::NoValue, 1]\n";
    let json = r#"{"Resources": {"R": {"Type": "AWS::S3::Bucket", "Properties": {
        "A": {"Fn::GetAtt": ["K", "Arn"]}, "B": {"Ref": "P"}, "C": {"Fn::Sub": "x-${AWS::Region}"},
        "D": {"Fn::If": ["C", {"Ref": "AWS::NoValue"}, 1]}}}}}"#;
    assert_eq!(
        parse_ok(yaml).resources[0].properties,
        parse_ok(json).resources[0].properties
    );
    // The long form in YAML too.
    assert_eq!(prop("{Fn::GetAtt: [K, Arn]}"), prop("!GetAtt K.Arn"));
    // An IAM statement's Condition map is no function.
    assert!(matches!(
        prop("{Condition: {Bool: {a: b}}}"),
        CfnValue::Map(_)
    ));
}

#[test]
fn sections_are_read() {
    let t = parse_ok(
        "AWSTemplateFormatVersion: 2010-09-09
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
Mappings:
  Regions:
    us-east-1: {Ami: ami-1}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    DependsOn: [Key]
    Metadata: {aws:cdk:path: Stack/Fn}
    Properties: {Handler: index.handler}
  Key:
    Type: AWS::KMS::Key
Outputs:
  KeyArn:
    Value: !GetAtt Key.Arn
    Export:
      Name: !Sub '${AWS::StackName}-key'
",
    );
    assert_eq!(t.format_version.as_deref(), Some("2010-09-09"));
    assert!(t.is_sam());
    assert!(t.globals.is_some());
    assert_eq!(t.parameters["Env"].default, Some(s("dev")));
    assert_eq!(
        t.parameters["Env"].allowed_values,
        vec![s("dev"), s("prod")]
    );
    assert!(t.mappings.contains_key("Regions"));
    assert!(t.conditions.contains_key("IsProd"));
    let ids: Vec<_> = t
        .resources
        .iter()
        .map(|r| (r.logical_id.as_str(), r.line))
        .collect();
    assert_eq!(ids, [("Fn", 17), ("Key", 23)]);
    assert_eq!(t.resources[0].condition.as_deref(), Some("IsProd"));
    assert_eq!(t.resources[0].depends_on, ["Key"]);
    assert_eq!(
        t.outputs["KeyArn"].export_name,
        Some(call("Fn::Sub", s("${AWS::StackName}-key")))
    );
}

#[test]
fn json_logical_ids_have_their_lines_and_document_order() {
    let t = parse_ok(
        r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Zeta": {"Type": "AWS::S3::Bucket"},
    "Alpha": {
      "Type": "AWS::KMS::Key",
      "Properties": {"Description": "Zeta"}
    }
  }
}"#,
    );
    let ids: Vec<_> = t
        .resources
        .iter()
        .map(|r| (r.logical_id.as_str(), r.line))
        .collect();
    assert_eq!(ids, [("Zeta", 4), ("Alpha", 5)]);
}

#[test]
fn templates_are_recognised_by_content() {
    assert!(looks_like_template(
        "AWSTemplateFormatVersion: '2010-09-09'\n"
    ));
    assert!(looks_like_template(
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
    ));
    assert!(looks_like_template(
        "Resources:\n  B:\n    Type: Custom::Thing\n"
    ));
    assert!(looks_like_template(
        "Transform: AWS::Serverless-2016-10-31\nResources: {}\n"
    ));
    assert!(looks_like_template(
        r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#
    ));
    // Not templates: Terraform JSON, a plan, Kubernetes, a workflow, HCL, text.
    assert!(!looks_like_template(
        r#"{"resource": {"aws_s3_bucket": {"b": {}}}}"#
    ));
    assert!(!looks_like_template(
        r#"{"format_version": "1.2", "resource_changes": []}"#
    ));
    assert!(!looks_like_template(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
    ));
    assert!(!looks_like_template(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
    ));
    assert!(!looks_like_template(
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n"
    ));
    assert!(!looks_like_template("Resources:\n  B:\n    Type: bucket\n"));
    assert!(!looks_like_template(""));
    assert!(!looks_like_template("- a\n- b\n"));
}

#[test]
fn bad_input_is_a_one_line_error() {
    let cases = [
        ("a: [", "t.yaml:"),
        ("just: yaml\n", "not a CloudFormation template"),
        (
            "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: !Foo x\n",
            "t.yaml:5: resource R: unknown tag !Foo",
        ),
        (
            "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: !GetAtt Key\n",
            "t.yaml:5: resource R: !GetAtt \"Key\": expected LogicalId.Attribute",
        ),
        (
            "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: {Fn::Join: abc}\n",
            "t.yaml:5: resource R: malformed Fn::Join",
        ),
        (
            "Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: !If [a, b]\n",
            "malformed Fn::If",
        ),
        (
            "Resources:\n  R:\n    Type: AWS::S3::Bucket\n  R:\n    Type: AWS::S3::Bucket\n",
            "t.yaml:4: duplicate key \"R\" (lines 2 and 4)",
        ),
        (
            "Resources:\n  R:\n    Type: AWS::S3::Bucket\n  Q: {}\n",
            "not a CloudFormation template",
        ),
        (
            "AWSTemplateFormatVersion: x\nResources:\n  Q: {}\n",
            "t.yaml:3: resource Q: no Type",
        ),
        (
            "AWSTemplateFormatVersion: x\nResources: [a]\n",
            "t.yaml:2: Resources: expected a mapping",
        ),
        (
            "AWSTemplateFormatVersion: x\nParameters:\n  P: {}\n",
            "parameter P: no Type",
        ),
        (
            "{\"AWSTemplateFormatVersion\": \"x\",\n \"Resources\": {},\n \"Resources\": {}}",
            "t.yaml:3: duplicate key \"Resources\" (lines 2 and 3)",
        ),
        ("{\"AWSTemplateFormatVersion\": ", "t.yaml:1"),
    ];
    for (text, expected) in cases {
        let message = parse_err(text);
        assert!(message.contains(expected), "{text:?}: {message}");
        assert!(!message.contains('\n'), "{message}");
    }
}

#[test]
fn an_alias_bomb_stops_quickly() {
    let mut bomb = String::from(
        "AWSTemplateFormatVersion: x\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let prev = i - 1;
        bomb.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    // Stopped by the value budget (10^10 values would never finish).
    let message = parse_err(&bomb);
    assert!(message.contains("more than 1000000 values"), "{message}");
    assert!(!looks_like_template(&bomb));
}

/// An alias of one long scalar counts as one node: what it copies is
/// counted in bytes, or a 1 MiB file would ask for tens of GiB.
#[test]
fn aliases_of_long_text_are_bounded_by_bytes() {
    let long = "x".repeat(1 << 20);
    let aliases = vec!["*s"; 20_000].join(", ");
    let yaml =
        format!("AWSTemplateFormatVersion: x\nMetadata:\n  a: &s \"{long}\"\n  b: [{aliases}]\n");
    // 20 GiB of copies would never fit: stopped by the byte budget first.
    let message = parse_err(&yaml);
    assert!(
        message.contains("t.yaml:4: aliases copying more than 64 MiB of text"),
        "{message}"
    );
}

#[test]
fn a_few_aliases_expand() {
    let t = parse_ok(
        "AWSTemplateFormatVersion: x\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags: &tags [{Key: a, Value: b}]\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags: *tags\n",
    );
    assert_eq!(t.resources[0].properties, t.resources[1].properties);
}

#[test]
fn merge_keys_fill_what_is_not_written() {
    let t = parse_ok(
        "AWSTemplateFormatVersion: x\nMetadata:\n  Base: &base {Runtime: python3.12, Timeout: 3}\nResources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      <<: *base\n      Timeout: 30\n",
    );
    let props = t.resources[0]
        .properties
        .as_map()
        .cloned()
        .unwrap_or_default();
    assert_eq!(props["Runtime"], s("python3.12"));
    assert_eq!(props["Timeout"], CfnValue::Number(30.0));
    assert!(
        parse_err("AWSTemplateFormatVersion: x\nA:\n  <<: 1\n").contains("t.yaml:3: a merge key")
    );
}

#[test]
fn keys_keep_their_text_and_many_keys_are_cheap() {
    let t = parse_ok("AWSTemplateFormatVersion: x\nMappings:\n  M:\n    1.50: {a: b}\n");
    assert!(
        t.mappings["M"]
            .as_map()
            .is_some_and(|m| m.contains_key("1.50"))
    );
    let mut yaml = String::from("AWSTemplateFormatVersion: x\nMetadata:\n");
    for i in 0..200_000 {
        yaml.push_str(&format!("  k{i}: v\n"));
    }
    // Read in linear time: a check of duplicate keys that compared every
    // pair would take minutes here (no timing asserted: `make bench` measures).
    let t = parse_ok(&yaml);
    assert_eq!(t.format_version.as_deref(), Some("x"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for depth in [200, 100_000] {
        let yaml = format!(
            "AWSTemplateFormatVersion: x\nA: {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert!(parse(Path::new("t"), &yaml).is_err());
        let yaml = format!(
            "AWSTemplateFormatVersion: x\nA:\n{}",
            (0..depth.min(2000))
                .map(|i| format!("{}k:\n", " ".repeat(i + 1)))
                .collect::<String>()
        );
        assert!(parse(Path::new("t"), &yaml).is_err());
        let json = format!(
            "{{\"AWSTemplateFormatVersion\": {}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        assert!(parse(Path::new("t"), &json).is_err());
    }
}

#[test]
fn aliases_cannot_nest_past_the_depth_limit() {
    // Each anchor holds the previous one 100 levels down: 150 of them would
    // nest 15,000 levels deep with few nodes.
    let mut yaml = String::from("AWSTemplateFormatVersion: x\na0: &a0 x\n");
    for i in 1..150 {
        let open = "[".repeat(100);
        let close = "]".repeat(100);
        yaml.push_str(&format!("a{i}: &a{i} {open}*a{}{close}\n", i - 1));
    }
    assert!(parse_err(&yaml).contains("nested deeper than 128 levels"));
}

#[test]
fn hostile_scalars_and_tags_do_not_panic() {
    for text in [
        "AWSTemplateFormatVersion: !!binary aGk=\n",
        "AWSTemplateFormatVersion: x\n? [a]\n: b\n",
        "AWSTemplateFormatVersion: x\n*unknown\n",
        "%TAG ! tag:example.com,2000:\n---\nAWSTemplateFormatVersion: !Ref x\n",
        "AWSTemplateFormatVersion: x\nResources:\n  R:\n    Type: !Ref T\n",
        "AWSTemplateFormatVersion: x\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties: !Ref X\n",
        "AWSTemplateFormatVersion: x\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties: {P: !Ref [a]}\n",
        "\u{feff}{\"AWSTemplateFormatVersion\": 1}",
        "AWSTemplateFormatVersion: x\nResources: !Ref y\n",
        "AWSTemplateFormatVersion: x\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    DependsOn: {a: b}\n",
    ] {
        let _ = parse(Path::new("t"), text);
        let _ = looks_like_template(text);
    }
}

#[test]
fn scalars_are_read_as_cloudformation_does() {
    assert_eq!(prop("012345678901"), s("012345678901"));
    assert_eq!(prop("123456789012"), CfnValue::Number(123456789012.0));
    assert_eq!(prop("'5'"), s("5"));
    assert_eq!(prop("true"), CfnValue::Bool(true));
    assert_eq!(prop("~"), CfnValue::Null);
    assert_eq!(prop("inf"), s("inf"));
    assert_eq!(prop("1.5"), CfnValue::Number(1.5));
    assert_eq!(prop("!!str 7"), s("7"));
}

#[test]
fn properties_may_be_chosen_by_a_condition() {
    let t = parse_ok(
        "AWSTemplateFormatVersion: x\nConditions:\n  East: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Fn::If: [East, {BucketName: east}, !Ref AWS::NoValue]\n",
    );
    let pseudo = [("AWS::Region".to_string(), "us-east-1".to_string())].into();
    let none = std::collections::BTreeMap::new();
    let e = Evaluator::new(&t, &none, &pseudo);
    let props = e.evaluate(&t.resources[0].properties).value;
    assert_eq!(
        props.as_map().and_then(|m| m.get("BucketName")),
        Some(&vs("east"))
    );
    // A macro may stand for any argument.
    assert!(matches!(
        prop("{Fn::Sub: {Fn::Transform: {Name: M}}}"),
        CfnValue::Intrinsic { .. }
    ));
}

#[test]
fn for_each_collections_are_named_not_expanded() {
    let t = parse_ok(
        "AWSTemplateFormatVersion: x\nTransform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Buckets:\n    - Id\n    - [A, B]\n    - S3Bucket${Id}: {Type: AWS::S3::Bucket}\n  Plain: {Type: AWS::SNS::Topic}\n",
    );
    assert_eq!(t.unexpanded, ["Fn::ForEach::Buckets"]);
    assert_eq!(t.resources.len(), 1);
    assert!(looks_like_template(
        "Resources:\n  Fn::ForEach::B: [a, [b], {}]\n  T: {Type: AWS::SNS::Topic}\n"
    ));
}

// Evaluation.

const EVAL: &str = "AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String, Default: dev}
  Azs: {Type: CommaDelimitedList, Default: 'a, b'}
  Secret: {Type: String, NoEcho: true, Default: hush}
  Ssm: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /x}
  Bare: {Type: String}
Mappings:
  Sizes:
    dev: {Count: 1}
    prod: {Count: 3}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Condition IsDev]
  Either: !Or [!Condition IsProd, !Condition IsDev]
  OnRegion: !Equals [!Ref AWS::Region, us-east-1]
  Loop: !Condition Loop
Resources:
  Key: {Type: AWS::KMS::Key}
  Bucket: {Type: AWS::S3::Bucket}
";

fn eval_in(
    yaml_value: &str,
    params: &[(&str, &str)],
    pseudo: &[(&str, &str)],
) -> (Value, Vec<Reference>) {
    let t = parse_ok(&format!(
        "{EVAL}  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: {yaml_value}\n"
    ));
    let params = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let pseudo = pseudo
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let e = Evaluator::new(&t, &params, &pseudo);
    let r = e.evaluate(
        &t.resource("R")
            .and_then(|r| r.property("P"))
            .cloned()
            .unwrap_or(CfnValue::Null),
    );
    (r.value, r.references)
}

fn ev(yaml_value: &str) -> Value {
    eval_in(yaml_value, &[], &[]).0
}

fn vs(text: &str) -> Value {
    Value::String(text.to_string())
}

fn reference(id: &str, attr: Option<&str>) -> Reference {
    Reference {
        logical_id: id.to_string(),
        attribute: attr.map(str::to_string),
        stack: None,
    }
}

#[test]
fn parameters_defaults_overrides_and_pseudo_parameters() {
    assert_eq!(ev("!Ref Env"), vs("dev"));
    assert_eq!(eval_in("!Ref Env", &[("Env", "prod")], &[]).0, vs("prod"));
    assert_eq!(ev("!Ref Azs"), Value::List(vec![vs("a"), vs("b")]));
    assert_eq!(ev("!Ref Secret"), Value::Sensitive(Box::new(vs("hush"))));
    assert_eq!(ev("!Ref Ssm"), Value::Unknown);
    assert_eq!(ev("!Ref Bare"), Value::Unknown);
    assert_eq!(ev("!Ref AWS::Region"), Value::Unknown);
    assert_eq!(
        eval_in("!Ref AWS::Region", &[], &[("AWS::Region", "eu-west-1")]).0,
        vs("eu-west-1")
    );
    // AWS::NoValue removes the member holding it.
    assert_eq!(ev("[a, !Ref AWS::NoValue]"), Value::List(vec![vs("a")]));
    assert_eq!(
        ev("{a: 1, b: !If [IsProd, 2, !Ref AWS::NoValue]}")
            .as_map()
            .map(|m| m.len()),
        Some(1)
    );
}

#[test]
fn resources_stay_references() {
    assert_eq!(
        eval_in("!Ref Key", &[], &[]),
        (Value::Unknown, vec![reference("Key", None)])
    );
    assert_eq!(
        eval_in("!GetAtt Key.Arn", &[], &[]),
        (Value::Unknown, vec![reference("Key", Some("Arn"))])
    );
    assert_eq!(
        eval_in("!Join [':', [arn, !Ref Bucket, !GetAtt Key.Arn]]", &[], &[]),
        (
            Value::Partial("arn:${Bucket}:${Key.Arn}".into()),
            vec![reference("Bucket", None), reference("Key", Some("Arn"))]
        )
    );
}

#[test]
fn conditions_decide_where_they_can() {
    assert_eq!(ev("!If [IsProd, big, small]"), vs("small"));
    assert_eq!(
        eval_in("!If [IsProd, big, small]", &[("Env", "prod")], &[]).0,
        vs("big")
    );
    assert_eq!(ev("!If [OnRegion, a, b]"), Value::Unknown);
    assert_eq!(
        eval_in("!If [OnRegion, a, b]", &[], &[("AWS::Region", "us-east-1")]).0,
        vs("a")
    );
    assert_eq!(ev("!Condition IsDev"), Value::Bool(true));
    assert_eq!(ev("!Condition Both"), Value::Bool(false));
    assert_eq!(ev("!Condition Either"), Value::Bool(true));
    assert_eq!(ev("!Condition Loop"), Value::Unknown);
    assert_eq!(ev("!Condition Nowhere"), Value::Unknown);
    let (value, refs) = eval_in("!If [OnRegion, !Ref Key, !Ref Bucket]", &[], &[]);
    assert_eq!(value, Value::Unknown);
    assert_eq!(
        refs,
        vec![reference("Bucket", None), reference("Key", None)]
    );
}

#[test]
fn conditions_naming_conditions_take_linear_time() {
    let mut yaml = String::from("AWSTemplateFormatVersion: x\nConditions:\n  C0: !Equals [a, a]\n");
    for i in 1..30 {
        yaml.push_str(&format!(
            "  C{i}: !And [!Condition C{0}, !Condition C{0}]\n",
            i - 1
        ));
    }
    yaml.push_str("Resources:\n  T: {Type: AWS::SNS::Topic}\n");
    let t = parse_ok(&yaml);
    let none = std::collections::BTreeMap::new();
    // Each condition decided once: walked naively, C29 is 2^29 evaluations.
    assert_eq!(
        Evaluator::new(&t, &none, &none).condition("C29"),
        Some(true)
    );
    // Cycles: a condition naming itself (twice, so no cache could hide an
    // exponential walk), a default and a mapping naming themselves.
    let t = parse_ok(
        "AWSTemplateFormatVersion: x\nParameters:\n  P: {Type: String, Default: !Ref P}\nMappings:\n  M:\n    a: {b: !FindInMap [M, a, b]}\nConditions:\n  C: !And [!Condition C, !Condition C]\nResources:\n  T: {Type: AWS::SNS::Topic}\n",
    );
    let e = Evaluator::new(&t, &none, &none);
    assert_eq!(e.condition("C"), None);
    assert_eq!(e.evaluate(&call("Ref", s("P"))).value, Value::Unknown);
    let find = call("Fn::FindInMap", list(vec![s("M"), s("a"), s("b")]));
    assert_eq!(e.evaluate(&find).value, Value::Unknown);
    // A malformed call reached through a macro is unknown, not a crash.
    assert_eq!(
        ev("{Fn::FindInMap: {Fn::Transform: {Name: M}}}"),
        Value::Unknown
    );
}

#[test]
fn string_functions() {
    assert_eq!(
        ev("!FindInMap [Sizes, !Ref Env, Count]"),
        Value::Number(1.0)
    );
    assert_eq!(ev("!FindInMap [Sizes, test, Count]"), Value::Unknown);
    assert_eq!(
        ev("!FindInMap [Sizes, test, Count, {DefaultValue: 9}]"),
        Value::Number(9.0)
    );
    assert_eq!(
        ev("!FindInMap [Sizes, !Ref AWS::Region, Count]"),
        Value::Unknown
    );
    assert_eq!(ev("!Join ['-', [a, !Ref Env, 1]]"), vs("a-dev-1"));
    assert_eq!(ev("!Join ['-', !Ref Azs]"), vs("a-b"));
    assert_eq!(ev("!Join ['-', [a, !GetAZs '']]"), Value::Unknown);
    assert_eq!(ev("!Select [1, !Ref Azs]"), vs("b"));
    assert_eq!(ev("!Select [1, !Split [',', 'x,y,z']]"), vs("y"));
    assert_eq!(ev("!Select [0, !GetAZs '']"), Value::Unknown);
    assert_eq!(ev("!Base64 hi"), vs("aGk="));
    assert_eq!(ev("!Cidr [10.0.0.0/16, 4, 8]"), Value::Unknown);
    assert_eq!(ev("!ImportValue Shared"), Value::Unknown);
    assert_eq!(ev("!Equals [!Ref Env, dev]"), Value::Bool(true));
    // A secret stays marked through the functions that carry it.
    assert!(ev("!Join ['', [x, !Ref Secret]]").has_sensitive());
    assert!(ev("!Sub 'x${Secret}'").has_sensitive());
    assert!(ev("!Base64 {Ref: Secret}").has_sensitive());
}

#[test]
fn sub_resolves_what_it_can() {
    assert_eq!(ev("!Sub 'b-${Env}'"), vs("b-dev"));
    assert_eq!(
        eval_in(
            "!Sub 'arn:aws:backup:${AWS::Region}:${AWS::AccountId}:vault'",
            &[],
            &[("AWS::Region", "eu-west-1")]
        )
        .0,
        Value::Partial("arn:aws:backup:eu-west-1:${AWS::AccountId}:vault".into())
    );
    assert_eq!(
        ev("!Sub 'literal ${!Env} and ${Env}'"),
        vs("literal ${Env} and dev")
    );
    assert_eq!(
        eval_in("!Sub '${Key.Arn}/${Bucket}'", &[], &[]),
        (
            Value::Partial("${Key.Arn}/${Bucket}".into()),
            vec![reference("Bucket", None), reference("Key", Some("Arn"))]
        )
    );
    assert_eq!(ev("!Sub ['${A}-${Env}', {A: !Ref Env}]"), vs("dev-dev"));
    assert_eq!(
        ev("!Sub ['${A}', {A: !GetAZs ''}]"),
        Value::Partial("${A}".into())
    );
    assert_eq!(ev("!Sub 'no close ${'"), vs("no close ${"));
}

/// Real templates from aws-cloudformation-templates (testdata/cfn/real/README.md).
#[test]
fn real_templates_parse() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/cfn/real");
    let mut tags = std::collections::BTreeSet::new();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("testdata/cfn/real") {
        let path = entry.expect("entry").path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "json")
        ) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(looks_like_template(&text), "{}", path.display());
        let t = parse(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        assert!(!t.resources.is_empty(), "{}", path.display());
        assert!(t.resources.iter().all(|r| r.line > 0));
        for r in &t.resources {
            let none = std::collections::BTreeMap::new();
            Evaluator::new(&t, &none, &none).evaluate(&r.properties);
        }
        for line in text.lines() {
            for word in line.split_whitespace() {
                if let Some(tag) = word.strip_prefix('!')
                    && tag.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                {
                    tags.insert(
                        tag.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
                            .to_string(),
                    );
                }
            }
        }
        count += 1;
    }
    assert!((5..=12).contains(&count), "{count}");
    let all = [
        "Ref",
        "GetAtt",
        "Sub",
        "Join",
        "Select",
        "Split",
        "If",
        "Equals",
        "And",
        "Or",
        "Not",
        "FindInMap",
        "ImportValue",
        "Base64",
        "Cidr",
        "GetAZs",
        "Condition",
    ];
    let missing: Vec<_> = all.iter().filter(|t| !tags.contains(**t)).collect();
    assert!(
        missing.is_empty(),
        "tags no real template uses: {missing:?}"
    );
}

{
  "Version": "2012-10-17",
  "Statement": [
%{ for i, q in queues ~}
    {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:${region}:${account}:${q}"}${i < length(queues) - 1 ? "," : ""}
%{ endfor ~}
  ]
}

ap_region = "ap-northeast-1"

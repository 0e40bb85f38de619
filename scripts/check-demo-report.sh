#!/usr/bin/env bash
echo check pending

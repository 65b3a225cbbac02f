;;; atop-lint.el --- ATOP coding sheets with the atop-lint language server  -*- lexical-binding: t; -*-

;; Package-Requires: ((emacs "28.1") (eglot "1.9"))

;;; Commentary:

;; A major mode for ATOP coding sheets (*.codesheet.txt, *.codesheet) and an `eglot' entry that
;; runs `atop-lint lsp' for it.  In your init file:
;;
;;   (add-to-list 'load-path "/path/to/atop-lint/editors/emacs")
;;   (require 'atop-lint)
;;   (add-hook 'atop-codesheet-mode-hook #'eglot-ensure)

;;; Code:

(defgroup atop-lint nil
  "ATOP coding sheets and the atop-lint language server."
  :group 'text)

(defcustom atop-lint-command '("atop-lint" "lsp")
  "The language server's command line."
  :type '(repeat string))

(defcustom atop-lint-rules nil
  "Severity per rule, sent to the server as initializationOptions.
An alist of (RULE-CODE . SEVERITY) strings, SEVERITY being \"off\", \"error\",
\"warning\", \"info\" or \"hint\"; the codes are listed by `atop-lint rules'."
  :type '(alist :key-type string :value-type string))

;;;###autoload
(define-derived-mode atop-codesheet-mode text-mode "ATOP-Sheet"
  "Major mode for ATOP coding sheets, linted by atop-lint through `eglot'.")

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.codesheet\\(?:\\.txt\\)?\\'" . atop-codesheet-mode))

(defun atop-lint-settings ()
  "The settings the server reads: {\"rules\": {RULE-CODE: SEVERITY}}."
  (let ((rules (make-hash-table :test #'equal)))
    (dolist (rule atop-lint-rules)
      (puthash (car rule) (cdr rule) rules))
    (list :rules rules)))

(defun atop-lint-eglot-contact (_interactive)
  "The `eglot-server-programs' contact: `atop-lint-command' with the rule settings."
  (append atop-lint-command (list :initializationOptions (atop-lint-settings))))

;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(atop-codesheet-mode . atop-lint-eglot-contact)))

(provide 'atop-lint)
;;; atop-lint.el ends here

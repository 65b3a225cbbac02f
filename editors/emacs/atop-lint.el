;;; atop-lint.el --- ATOP coding sheets with the atop-lint language server  -*- lexical-binding: t; -*-

;; Package-Requires: ((emacs "28.1") (eglot "1.9"))

;;; Commentary:

;; A major mode for ATOP coding sheets (*.codesheet.txt, *.codesheet) and an `eglot' entry that
;; runs `atop-lint lsp' for it.  In your init file:
;;
;;   (add-to-list 'load-path "/path/to/atop-lint/editors/emacs")
;;   (require 'atop-lint)
;;   (add-hook 'atop-codesheet-mode-hook #'eglot-ensure)
;;
;; Rule severities go in `eglot-workspace-configuration' (best in .dir-locals.el), which eglot
;; sends as the server's settings:
;;
;;   ((nil . ((eglot-workspace-configuration . (:rules (:citation-style "off"))))))

;;; Code:

(defgroup atop-lint nil
  "ATOP coding sheets and the atop-lint language server."
  :group 'text)

(defcustom atop-lint-command '("atop-lint" "lsp")
  "The language server's command line."
  :type '(repeat string))

;;;###autoload
(define-derived-mode atop-codesheet-mode text-mode "ATOP-Sheet"
  "Major mode for ATOP coding sheets, linted by atop-lint through `eglot'.")

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.codesheet\\(?:\\.txt\\)?\\'" . atop-codesheet-mode))

(defun atop-lint-eglot-contact (_interactive)
  "The `eglot-server-programs' contact: `atop-lint-command', read when eglot connects."
  atop-lint-command)

;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(atop-codesheet-mode . atop-lint-eglot-contact)))

(provide 'atop-lint)
;;; atop-lint.el ends here
